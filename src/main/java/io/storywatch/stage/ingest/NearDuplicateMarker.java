package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Marks near-duplicates: an original whose {@link SimHash} lies within the configured Hamming distance of an earlier
 * original's, published within the {@link NearDuplicateSettings#horizon() horizon} of it (before or after), is written
 * with {@code duplicateOf} = that original and {@code duplicateKind} {@code near}. The closest wins, ties going to the
 * smaller id. Exact duplicates pass unchanged and unindexed, as do copies, so {@code duplicateOf} always names an
 * original; bodies shorter than the minimum pass unchanged. Another version of the same id is never its own duplicate.
 * Runs in one task, so every article meets every earlier one.
 *
 * <p>State: one store record per original ({@code EVENT_TIME|ID} → fingerprint, event time as 16 hex digits that sort
 * in time order), one changelog record per original. The band lookup ({@link SimHashIndex}) lives in memory and is
 * rebuilt from the store when the task starts. Stream time here is the latest publication seen; originals published
 * more than the retention before it (rounded down to a horizon bucket) are deleted from the store and the index, and
 * an article already older than that passes as an original without being indexed.
 */
final class NearDuplicateMarker implements Processor<String, ArticleCleaned, String, ArticleCleaned> {

    private static final HexFormat HEX = HexFormat.of();
    private static final int TIME_DIGITS = 16;

    private final String storeName;
    private final NearDuplicateSettings settings;
    private final long retentionMillis;
    private final NearDuplicateIndexCounters counters = NearDuplicateIndexCounters.JVM;
    private ProcessorContext<String, ArticleCleaned> context;
    private KeyValueStore<String, String> originals;
    private SimHashIndex index;
    private long streamTime = Long.MIN_VALUE;
    private long cutoff = Long.MIN_VALUE;
    private long stored;

    NearDuplicateMarker(String storeName, NearDuplicateSettings settings, Duration retention) {
        this.storeName = storeName;
        this.settings = settings;
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ArticleCleaned> context) {
        this.context = context;
        this.originals = context.getStateStore(storeName);
        // a task revived after an aborted transaction starts here again, from the store as last committed
        this.index = new SimHashIndex(settings);
        counters.originalsStored.addAndGet(-stored);
        stored = 0;
        streamTime = Long.MIN_VALUE;
        cutoff = Long.MIN_VALUE;
        try (KeyValueIterator<String, String> all = originals.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                long eventTime = eventTimeOf(entry.key);
                index.add(new SimHashIndex.Original(entry.key.substring(TIME_DIGITS), SimHash.parse(entry.value),
                        eventTime));
                streamTime = Math.max(streamTime, eventTime);
                stored++;
            }
        }
        counters.originalsStored.addAndGet(stored);
        if (streamTime != Long.MIN_VALUE) {
            cutoff = index.bucketStart(streamTime - retentionMillis);
        }
    }

    @Override
    public void process(Record<String, ArticleCleaned> record) {
        ArticleCleaned article = record.value();
        if (article == null) {
            context.forward(record);
            return;
        }
        long eventTime = record.timestamp();
        if (eventTime > streamTime) {
            streamTime = eventTime;
            pruneOlderThanRetention();
        }
        if (article.duplicateOf() != null || article.simHash() == null
                || article.body().length() < settings.minBodyChars()) {
            context.forward(record);
            return;
        }
        long fingerprint = SimHash.parse(article.simHash());
        SimHashIndex.Match match = index.closest(article.id(), fingerprint, eventTime);
        counters.articlesLookedUp.incrementAndGet();
        counters.candidates.addAndGet(match.candidates());
        if (match.original() != null) {
            counters.nearCopies.incrementAndGet();
            context.forward(record.withValue(asNearCopyOf(article, match.original().id())));
            return;
        }
        if (eventTime >= cutoff) {
            String key = key(eventTime, article.id());
            String previous = originals.get(key);
            if (previous != null) {
                index.remove(new SimHashIndex.Original(article.id(), SimHash.parse(previous), eventTime));
            } else {
                stored++;
                counters.originalsStored.incrementAndGet();
            }
            originals.put(key, article.simHash());
            index.add(new SimHashIndex.Original(article.id(), fingerprint, eventTime));
        }
        context.forward(record);
    }

    /** Deletes the originals of every time bucket that lies wholly before stream time less the retention. */
    private void pruneOlderThanRetention() {
        long newCutoff = index.bucketStart(streamTime - retentionMillis);
        if (newCutoff <= cutoff) {
            return;
        }
        cutoff = newCutoff;
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> range = originals.range(null, timeDigits(cutoff))) {
            while (range.hasNext()) {
                String key = range.next().key;
                if (eventTimeOf(key) < cutoff) {
                    old.add(key);
                }
            }
        }
        old.forEach(originals::delete);
        index.dropBefore(cutoff);
        stored -= old.size();
        counters.originalsStored.addAndGet(-old.size());
        counters.originalsPruned.addAndGet(old.size());
    }

    @Override
    public void close() {
        counters.originalsStored.addAndGet(-stored);
        stored = 0;
    }

    static String key(long eventTime, String id) {
        return timeDigits(eventTime) + id;
    }

    /** Signed milliseconds as hex digits that sort as the times do (the sign bit flipped). */
    private static String timeDigits(long eventTime) {
        return HEX.toHexDigits(eventTime ^ Long.MIN_VALUE);
    }

    private static long eventTimeOf(String key) {
        return HexFormat.fromHexDigitsToLong(key, 0, TIME_DIGITS) ^ Long.MIN_VALUE;
    }

    private static ArticleCleaned asNearCopyOf(ArticleCleaned a, String originalId) {
        return new ArticleCleaned(a.schemaVersion(), a.id(), a.title(), a.body(), a.text(), a.publishedAt(),
                a.source(), a.url(), a.language(), a.contentHash(), originalId, ArticleCleaned.NEAR, a.simHash());
    }
}
