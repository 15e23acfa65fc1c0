package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks exact and near duplicates and drops re-sent articles; forwards each article keyed by its id. Runs in one
 * task, so every article meets every earlier one.
 *
 * <p>Exact: the first article id seen with a content hash owns it; any other id with that hash is written with
 * {@code duplicateOf} = that first id and {@code duplicateKind} {@code exact} (still written, so later stages carry
 * the mark; the aggregates count it as reach, not as an article). An id sent again with exactly the same title and
 * body (a producer retry, the same file fed twice) is dropped, with a debug log, so that each article appears once
 * downstream. An id sent again with a different body, or only a different title, is a correction: it passes as a new
 * version, and is a duplicate only if its new body belongs to another article.
 *
 * <p>Near: the first article of a body whose {@link SimHash} lies within the configured Hamming distance of an
 * indexed original's, published within the {@link NearDuplicateSettings#horizon() horizon} of it (before or after),
 * is written with {@code duplicateOf} = that original and {@code duplicateKind} {@code near}. The closest wins, ties
 * going to the smaller id. Neither kind of copy enters the index, so {@code duplicateOf} always names an original;
 * bodies shorter than the minimum are only compared exactly. Another version of the same id is never its own
 * duplicate; an id whose body was corrected keeps its earlier body's entry, so a copy of the earlier text, exact or
 * near, still points at it.
 *
 * <p>State: one store ({@link ArticlesByContentHash}), so that an article costs one store record and one changelog
 * record; an original's entry carries its SimHash. The band lookup ({@link SimHashIndex}) lives in memory and is
 * rebuilt from the store's SimHashes when the task starts, so it always holds exactly the store's originals.
 *
 * <p>Whenever this task's stream time (the latest publication it has seen since it started) has moved on by a
 * hundredth of the retention (at least a day), entries published more than the retention before it are deleted from
 * the store and the index: an article that old is remembered no longer. An original already older than that passes
 * without being indexed.
 */
final class DuplicateMarker implements Processor<String, ArticleCleaned, String, ArticleCleaned> {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateMarker.class);
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final int PRUNES_PER_RETENTION = 100;

    private final String storeName;
    private final NearDuplicateSettings nearDuplicates;
    private final long retentionMillis;
    private final long pruneEveryMillis;
    private final NearDuplicateIndexCounters counters = NearDuplicateIndexCounters.JVM;
    private ProcessorContext<String, ArticleCleaned> context;
    private ArticlesByContentHash articles;
    private SimHashIndex index;
    private long indexed;
    private long streamTime = Long.MIN_VALUE;
    private long prunedUpTo = Long.MIN_VALUE;
    private long cutoff = Long.MIN_VALUE;

    DuplicateMarker(String storeName, IngestSettings settings) {
        this.storeName = storeName;
        this.nearDuplicates = settings.nearDuplicates();
        this.retentionMillis = settings.retention().toMillis();
        this.pruneEveryMillis = Math.max(DAY_MILLIS, retentionMillis / PRUNES_PER_RETENTION);
    }

    @Override
    public void init(ProcessorContext<String, ArticleCleaned> context) {
        this.context = context;
        this.articles = new ArticlesByContentHash(context.getStateStore(storeName));
        // a task revived after an aborted transaction starts here again, from the store as last committed
        this.index = new SimHashIndex(nearDuplicates);
        counters.originalsStored.addAndGet(-indexed);
        indexed = 0;
        articles.forEachFirst(first -> first.indexed().ifPresent(this::index));
        streamTime = Long.MIN_VALUE;
        prunedUpTo = Long.MIN_VALUE;
        cutoff = Long.MIN_VALUE;
    }

    @Override
    public void process(Record<String, ArticleCleaned> record) {
        ArticleCleaned article = record.value();
        if (article == null) {
            return;
        }
        pruneOlderThanRetention(record.timestamp());
        String textHash = ArticleCleaner.sha256Hex(article.text());
        Optional<FirstArticle> first = articles.first(article.contentHash());
        if (first.isPresent() && !first.get().id().equals(article.id())) {
            markExactCopy(record, textHash, first.get().id());
        } else {
            markFirstOfItsBody(record, textHash, first);
        }
    }

    private void markExactCopy(Record<String, ArticleCleaned> record, String textHash, String originalId) {
        ArticleCleaned article = record.value();
        if (articles.copyTextHash(article.contentHash(), article.id()).filter(textHash::equals).isPresent()) {
            dropResent(article);
            return;
        }
        articles.putCopy(article.contentHash(), article.id(), textHash, record.timestamp());
        forward(record, originalId, ArticleCleaned.EXACT);
    }

    /** A new body, or a new version of the article that owns its body: a near copy or an original. */
    private void markFirstOfItsBody(Record<String, ArticleCleaned> record, String textHash,
                                    Optional<FirstArticle> previous) {
        ArticleCleaned article = record.value();
        if (previous.filter(p -> p.textHash().equals(textHash)).isPresent()) {
            dropResent(article);
            return;
        }
        long eventTime = record.timestamp();
        OptionalLong fingerprint = comparableFingerprint(article);
        Optional<String> nearOriginal = fingerprint.isPresent()
                ? nearestOriginal(article.id(), fingerprint.getAsLong(), eventTime) : Optional.empty();
        boolean indexable = nearOriginal.isEmpty() && eventTime >= cutoff;
        FirstArticle entry = new FirstArticle(article.id(), textHash,
                indexable ? fingerprint : OptionalLong.empty(), eventTime);
        previous.flatMap(FirstArticle::indexed).ifPresent(this::unindex);
        entry.indexed().ifPresent(this::index);
        articles.putFirst(article.contentHash(), entry);
        if (nearOriginal.isPresent()) {
            forward(record, nearOriginal.get(), ArticleCleaned.NEAR);
        } else {
            forward(record, null, null);
        }
    }

    /** The body's SimHash, unless the body is too short to be compared by it. */
    private OptionalLong comparableFingerprint(ArticleCleaned article) {
        if (article.simHash() == null || article.body().length() < nearDuplicates.minBodyChars()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(SimHash.parse(article.simHash()));
    }

    private Optional<String> nearestOriginal(String id, long fingerprint, long eventTime) {
        SimHashIndex.Match match = index.closest(id, fingerprint, eventTime);
        counters.articlesLookedUp.incrementAndGet();
        counters.candidates.addAndGet(match.candidates());
        if (match.original() == null) {
            return Optional.empty();
        }
        counters.nearCopies.incrementAndGet();
        return Optional.of(match.original().id());
    }

    private void index(SimHashIndex.Original original) {
        index.add(original);
        indexed++;
        counters.originalsStored.incrementAndGet();
    }

    private void unindex(SimHashIndex.Original original) {
        index.remove(original);
        indexed--;
        counters.originalsStored.decrementAndGet();
    }

    /**
     * Once after a start and then whenever stream time has moved on by a hundredth of the retention (at least a day):
     * deletes the entries older than the retention from the store, a scan of it, and their originals from the index.
     */
    private void pruneOlderThanRetention(long eventTime) {
        streamTime = Math.max(streamTime, eventTime);
        long period = Math.floorDiv(streamTime, pruneEveryMillis);
        if (period <= prunedUpTo) {
            return;
        }
        prunedUpTo = period;
        cutoff = period * pruneEveryMillis - retentionMillis;
        ArticlesByContentHash.Forgotten forgotten = articles.deleteOlderThan(cutoff);
        index.dropBefore(cutoff);
        forgotten.indexed().forEach(index::remove);
        indexed -= forgotten.indexed().size();
        counters.originalsStored.addAndGet(-forgotten.indexed().size());
        counters.originalsPruned.addAndGet(forgotten.indexed().size());
        if (forgotten.entries() > 0) {
            LOG.debug("forgot {} entries ({} indexed originals) published before {}", forgotten.entries(),
                    forgotten.indexed().size(), cutoff);
        }
    }

    /** The originals in the near-duplicate index now. */
    Set<SimHashIndex.Original> indexedOriginals() {
        return index.originals();
    }

    @Override
    public void close() {
        counters.originalsStored.addAndGet(-indexed);
        indexed = 0;
    }

    private static void dropResent(ArticleCleaned article) {
        LOG.debug("dropping article {}: the same id with the same title and body was already ingested",
                article.id());
    }

    private void forward(Record<String, ArticleCleaned> record, String duplicateOf, String duplicateKind) {
        ArticleCleaned a = record.value();
        context.forward(record.withKey(a.id()).withValue(new ArticleCleaned(a.schemaVersion(), a.id(), a.title(),
                a.body(), a.text(), a.publishedAt(), a.source(), a.url(), a.language(), a.contentHash(), duplicateOf,
                duplicateKind, a.simHash())));
    }
}
