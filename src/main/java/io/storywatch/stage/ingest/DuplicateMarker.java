package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks exact duplicates and drops re-sent articles, for records keyed by content hash; forwards them keyed by
 * article id again.
 *
 * <p>The first article id seen with a content hash owns it; any other id with that hash is written with
 * {@code duplicateOf} = that first id and {@code duplicateKind} {@code exact} (still written, so later stages carry
 * the mark; the aggregates count it as reach, not as an article).
 * An id sent again with exactly the same title and body (a producer retry, the same file fed twice) is dropped, with
 * a debug log, so that each article appears once downstream. An id sent again with a different body, or only a
 * different title, is a correction: it passes as a new version, and is a duplicate only if its new body belongs to
 * another article. Because the versions of one id may have different hashes, and so different partitions, their
 * relative order on the clean topic is not guaranteed.
 *
 * <p>Both stores keep each entry with the publication time of the article that wrote it. Whenever this task's
 * stream time (the latest publication it has seen since it started) has moved on by a hundredth of the retention,
 * entries published more than the retention
 * before it are deleted: an article that old is remembered no longer. Entries written before entries had a time
 * (timestamp -1) are kept.
 */
final class DuplicateMarker implements Processor<String, ArticleCleaned, String, ArticleCleaned> {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateMarker.class);
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final int PRUNES_PER_RETENTION = 100;

    private final String firstIdStoreName;
    private final String versionStoreName;
    private final long retentionMillis;
    private ProcessorContext<String, ArticleCleaned> context;
    private TimestampedKeyValueStore<String, String> firstIdByHash;
    private TimestampedKeyValueStore<String, String> textHashByHashAndId;
    private final long pruneEveryMillis;
    private long streamTime = Long.MIN_VALUE;
    private long prunedUpTo = Long.MIN_VALUE;

    DuplicateMarker(String firstIdStoreName, String versionStoreName, Duration retention) {
        this.firstIdStoreName = firstIdStoreName;
        this.versionStoreName = versionStoreName;
        this.retentionMillis = retention.toMillis();
        this.pruneEveryMillis = Math.max(DAY_MILLIS, retentionMillis / PRUNES_PER_RETENTION);
    }

    @Override
    public void init(ProcessorContext<String, ArticleCleaned> context) {
        this.context = context;
        this.firstIdByHash = context.getStateStore(firstIdStoreName);
        this.textHashByHashAndId = context.getStateStore(versionStoreName);
        streamTime = Long.MIN_VALUE;
        prunedUpTo = Long.MIN_VALUE;
    }

    @Override
    public void process(Record<String, ArticleCleaned> record) {
        ArticleCleaned article = record.value();
        if (article == null) {
            return;
        }
        pruneOlderThanRetention(record.timestamp());
        String contentHash = article.contentHash();
        // the content hash has a fixed length, so this key cannot collide whatever the id contains
        String versionKey = contentHash + article.id();
        String textHash = ArticleCleaner.sha256Hex(article.text());
        ValueAndTimestamp<String> version = textHashByHashAndId.get(versionKey);
        if (version != null && textHash.equals(version.value())) {
            LOG.debug("dropping article {}: the same id with the same title and body was already ingested",
                    article.id());
            return;
        }
        textHashByHashAndId.put(versionKey, ValueAndTimestamp.make(textHash, record.timestamp()));
        ValueAndTimestamp<String> first = firstIdByHash.putIfAbsent(contentHash,
                ValueAndTimestamp.make(article.id(), record.timestamp()));
        String firstId = first == null ? null : first.value();
        String duplicateOf = firstId == null || firstId.equals(article.id()) ? null : firstId;
        context.forward(record.withKey(article.id()).withValue(withDuplicateOf(article, duplicateOf)));
    }

    /**
     * Once after a start and then whenever stream time has moved on by a hundredth of the retention (at least a day):
     * deletes the entries older than the retention, a scan of both stores.
     */
    private void pruneOlderThanRetention(long eventTime) {
        streamTime = Math.max(streamTime, eventTime);
        long period = Math.floorDiv(streamTime, pruneEveryMillis);
        if (period <= prunedUpTo) {
            return;
        }
        prunedUpTo = period;
        long cutoff = period * pruneEveryMillis - retentionMillis;
        int deleted = prune(firstIdByHash, cutoff) + prune(textHashByHashAndId, cutoff);
        if (deleted > 0) {
            LOG.debug("forgot {} exact-duplicate entries published before {}", deleted, cutoff);
        }
    }

    private static int prune(TimestampedKeyValueStore<String, String> store, long cutoff) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> entry = all.next();
                long timestamp = entry.value == null ? -1 : entry.value.timestamp();
                if (timestamp >= 0 && timestamp < cutoff) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(store::delete);
        return old.size();
    }

    private static ArticleCleaned withDuplicateOf(ArticleCleaned a, String duplicateOf) {
        return new ArticleCleaned(a.schemaVersion(), a.id(), a.title(), a.body(), a.text(), a.publishedAt(),
                a.source(), a.url(), a.language(), a.contentHash(), duplicateOf,
                duplicateOf == null ? null : ArticleCleaned.EXACT, a.simHash());
    }
}
