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
 * Marks exact duplicates and drops re-sent articles; forwards each article keyed by its id.
 *
 * <p>The first article id seen with a content hash owns it; any other id with that hash is written with
 * {@code duplicateOf} = that first id and {@code duplicateKind} {@code exact} (still written, so later stages carry
 * the mark; the aggregates count it as reach, not as an article).
 * An id sent again with exactly the same title and body (a producer retry, the same file fed twice) is dropped, with
 * a debug log, so that each article appears once downstream. An id sent again with a different body, or only a
 * different title, is a correction: it passes as a new version, and is a duplicate only if its new body belongs to
 * another article.
 *
 * <p>One store holds both facts, so that an original costs one store record (and one changelog record): under the
 * content hash, the hash of the first article's title and body followed by its id; under the content hash followed by
 * an article id, the hash of that article's title and body, for every other id with that body. The content hash has a
 * fixed length, so the two kinds of key cannot collide whatever the ids contain.
 *
 * <p>Each entry keeps the publication time of the article that wrote it. Whenever this task's stream time (the
 * latest publication it has seen since it started) has moved on by a hundredth of the retention, entries published
 * more than the retention before it are deleted: an article that old is remembered no longer.
 */
final class DuplicateMarker implements Processor<String, ArticleCleaned, String, ArticleCleaned> {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateMarker.class);
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final int PRUNES_PER_RETENTION = 100;
    /** Length of a SHA-256 in hex, the content hash's and the text hash's. */
    private static final int HASH_LENGTH = 64;

    private final String storeName;
    private final long retentionMillis;
    private final long pruneEveryMillis;
    private ProcessorContext<String, ArticleCleaned> context;
    private TimestampedKeyValueStore<String, String> byContentHash;
    private long streamTime = Long.MIN_VALUE;
    private long prunedUpTo = Long.MIN_VALUE;

    DuplicateMarker(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retentionMillis = retention.toMillis();
        this.pruneEveryMillis = Math.max(DAY_MILLIS, retentionMillis / PRUNES_PER_RETENTION);
    }

    @Override
    public void init(ProcessorContext<String, ArticleCleaned> context) {
        this.context = context;
        this.byContentHash = context.getStateStore(storeName);
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
        String textHash = ArticleCleaner.sha256Hex(article.text());
        ValueAndTimestamp<String> first = byContentHash.get(contentHash);
        if (first == null) {
            byContentHash.put(contentHash, ValueAndTimestamp.make(textHash + article.id(), record.timestamp()));
            context.forward(record.withKey(article.id()).withValue(withDuplicateOf(article, null)));
            return;
        }
        String firstId = first.value().substring(HASH_LENGTH);
        boolean isFirst = firstId.equals(article.id());
        String versionKey = isFirst ? contentHash : contentHash + article.id();
        ValueAndTimestamp<String> version = isFirst ? first : byContentHash.get(versionKey);
        String knownTextHash = version == null ? null : version.value().substring(0, HASH_LENGTH);
        if (textHash.equals(knownTextHash)) {
            LOG.debug("dropping article {}: the same id with the same title and body was already ingested",
                    article.id());
            return;
        }
        byContentHash.put(versionKey, ValueAndTimestamp.make(isFirst ? textHash + firstId : textHash,
                record.timestamp()));
        context.forward(record.withKey(article.id()).withValue(withDuplicateOf(article, isFirst ? null : firstId)));
    }

    /**
     * Once after a start and then whenever stream time has moved on by a hundredth of the retention (at least a day):
     * deletes the entries older than the retention, a scan of the store.
     */
    private void pruneOlderThanRetention(long eventTime) {
        streamTime = Math.max(streamTime, eventTime);
        long period = Math.floorDiv(streamTime, pruneEveryMillis);
        if (period <= prunedUpTo) {
            return;
        }
        prunedUpTo = period;
        long cutoff = period * pruneEveryMillis - retentionMillis;
        int deleted = prune(byContentHash, cutoff);
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
