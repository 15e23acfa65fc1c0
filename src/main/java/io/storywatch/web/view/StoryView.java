package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The dashboard's read model: what the pipeline's output topics said, kept in memory and queried without Kafka, so
 * that the API is plain code over plain records and is rebuilt exactly by re-reading the topics.
 *
 * <p>Of each scored article it keeps a digest ({@link ObservedArticle}: about a kilobyte), not the analysis (text,
 * sentences, mentions: ~15 KB of objects), so that memory grows slowly with the articles read; the analyses a query
 * shows in full (an article's detail, the evidence of a point) are read back through a {@link ScoredLookup} from
 * where their records lie. Analyses applied as objects (no record to read back) are kept whole.
 *
 * <p>Series, coverage and the evidence of a point are the aggregate stage's published window records, decoded with
 * the stage's own event records and {@link io.storywatch.window.WindowKey}: the page shows what the output topics
 * say, nothing recomputed.
 * Only the entity ranking over a range sums the article digests, with the stage's counting rule and its
 * {@link io.storywatch.window.MeanInterval}.
 *
 * <p>Memory is bounded by a retention in event time: windows that start, and articles whose event time lies, more than
 * {@code retention} before the newest event time seen are dropped (alerts are capped, rejections and late articles
 * are counts).
 */
public final class StoryView {

    /** Below this many articles a window's mean is flagged: it rests on too few voices to read much into. */
    public static final int LOW_SAMPLE_ARTICLES = 5;
    /** How much news time the view keeps by default: a year and a month, so a year's story stays on the page. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    /** The view is pruned when the newest event time has moved this far since the last pruning. */
    private static final Duration PRUNE_STEP = Duration.ofHours(1);

    static final String BASIS_AGGREGATE = "aggregate";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Duration retention;
    /** The newest event time seen (articles and windows), and the cutoff last pruned to; null before any. */
    private Instant newest;
    private Instant prunedTo;
    private final ObservedArticles articles;
    private final WindowSeries factionWindows = new WindowSeries("faction");
    private final WindowSeries entityWindows = new WindowSeries("entity");
    private final PipelineHealth health = new PipelineHealth();
    private final CoverageRecords coverage = new CoverageRecords();
    private final AtomicLong version = new AtomicLong();

    /** A view fed analysis objects directly (tests, embedding): it keeps those whole, there is nothing to read back. */
    public StoryView() {
        this(ScoredLookup.NONE);
    }

    /** A view fed from the topics: it reads the analyses of the articles it keeps as digests through {@code lookup}. */
    public StoryView(ScoredLookup lookup) {
        this(lookup, DEFAULT_RETENTION);
    }

    /** As above, keeping {@code retention} of news time before the newest event time seen. */
    public StoryView(ScoredLookup lookup, Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        this.articles = new ObservedArticles(lookup);
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    // ---- applying records -------------------------------------------------------------------------------------

    /**
     * A value of news.articles.scored given as the analysis object, with no record to read it back from: kept whole.
     * A later record for the same id replaces the earlier one.
     */
    public void applyScored(StanceScored analysis, long recordTimestamp) {
        ScoredDigest digest = ScoredDigest.of(analysis);
        write(() -> articles.applyWhole(analysis, digest, recordTimestamp, this::retained));
    }

    /**
     * A value of news.articles.scored as its digest and where its record lies: only the digest is kept. A later
     * record for the same id replaces the earlier one.
     */
    public void applyScored(ScoredDigest digest, long recordTimestamp, ScoredLocation location) {
        write(() -> articles.applyDigest(digest, recordTimestamp, location, this::retained));
    }

    /** A tombstone on news.articles.scored. */
    public void removeArticle(String id) {
        write(() -> articles.remove(id));
    }

    /** A value of news.faction-sentiment; the latest record of a window is its current state. */
    public void applyFactionWindow(JsonNode value) {
        write(factionWindows.putting(value));
    }

    /**
     * A record of news.faction-sentiment as its key and value bytes: placed by its key and parsed when a query first
     * reads it (a key of another form than {@code FACTION@START/SIZE}: parsed now).
     */
    public void applyFactionWindow(String key, byte[] value) {
        write(factionWindows.placing(key, value, this::retained));
    }

    /** A record of news.entity-sentiment as its key and value bytes, as {@link #applyFactionWindow(String, byte[])}. */
    public void applyEntityWindow(String key, byte[] value) {
        write(entityWindows.placing(key, value, this::retained));
    }

    public void applyFactionWindow(FactionSentimentWindow window) {
        applyFactionWindow(Json.mapper().<JsonNode>valueToTree(window));
    }

    public void applyEntityWindow(EntitySentimentWindow window) {
        applyEntityWindow(Json.mapper().<JsonNode>valueToTree(window));
    }

    /** A value of news.entity-sentiment; the latest record of a window is its current state. */
    public void applyEntityWindow(JsonNode value) {
        write(entityWindows.putting(value));
    }

    /** A record of news.articles.rejected, counted by its reason code. */
    public void applyRejected(String code) {
        write(() -> health.rejected(code));
    }

    /** A record of news.articles.failed: a record the named stage could not read or process. */
    public void applyFailed(String stage) {
        write(() -> health.failed(stage));
    }

    /** A record of news.articles.late: an article a window did not count, by its reason. */
    public void applyLate(String reason) {
        write(() -> health.late(reason));
    }

    /** A value of news.faction-alerts (issue 5), kept newest first as the aggregate stage wrote it. */
    public void applyAlert(JsonNode alert) {
        write(() -> health.alert(alert));
    }

    /** A value of news.story-coverage, kept by its window as the aggregate stage wrote it. */
    public void applyCoverage(String key, JsonNode value) {
        applyCoverage(key, value == null ? null : Json.toBytes(value));
    }

    /**
     * As above, the record's bytes (null: a tombstone), placed by its key {@code story@START/SIZE}; checked to be a JSON
     * object, parsed when a query reads it. A key of another form is refused.
     */
    public void applyCoverage(String key, byte[] value) {
        write(coverage.placing(key, value, this::retained));
    }

    /** Grows with every applied record: live clients compare it to know whether to fetch again. */
    public long version() {
        return version.get();
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    /** Every faction the view has seen, each with its series over [from, to) (null bounds are open). */
    public Map<String, List<SeriesPoint>> factionSeries(Instant from, Instant to, Granularity granularity) {
        return read(() -> {
            Set<String> factions = new TreeSet<>(factionWindows.targets());
            Map<String, List<SeriesPoint>> series = new LinkedHashMap<>();
            for (String faction : factions) {
                series.put(faction, seriesLocked(TargetKind.FACTION, faction, from, to, granularity));
            }
            return series;
        });
    }

    public List<SeriesPoint> series(TargetKind kind, String target, Instant from, Instant to,
                                    Granularity granularity) {
        return read(() -> seriesLocked(kind, target, from, to, granularity));
    }

    /**
     * The articles behind one point: the evidence articles of its window record, as the aggregate stage chose them
     * (strongest portrayal first), each with the sentences that drove it, read back from its record. An evidence
     * article the view no longer holds (past the retention) is left out.
     */
    public List<ArticleEvidence> evidence(TargetKind kind, String target, Instant windowStart,
                                          Granularity granularity, int limit) {
        Instant start = granularity.windowStart(windowStart);
        List<Evidence.Held> held = read(() -> Evidence.held(windows(kind).record(target, granularity, start),
                articles::get, limit));
        Map<String, StanceScored> analyses = analyses(held.stream().map(Evidence.Held::article).toList());
        return held.stream().map(h -> Evidence.forPoint(kind, target, h, analyses.get(h.article().id()))).toList();
    }

    /**
     * The analyses of the articles, by id: those applied whole from memory, the others read back from their records
     * outside the lock (a slow read must not hold up the reader thread). An article whose record cannot be read is
     * left out.
     */
    private Map<String, StanceScored> analyses(List<ObservedArticle> wanted) {
        Map<String, StanceScored> found = new HashMap<>(read(() -> articles.appliedWhole(wanted)));
        found.putAll(articles.readBack(wanted));
        return found;
    }

    /** The story-coverage records of the window size over [from, to), in time order. */
    public List<CoveragePoint> coverage(Instant from, Instant to, Granularity granularity) {
        return read(() -> coverage.points(from, to, granularity));
    }

    /** Story coverage records of the aggregate stage, as written, by window size and start. */
    public List<JsonNode> reportedCoverage() {
        return read(coverage::reported);
    }

    /** Entities by number of articles portraying them over [from, to), then by mentions. */
    public List<EntityStanding> topEntities(Instant from, Instant to, int limit) {
        return read(() -> articles.topEntities(from, to, limit));
    }

    /** Newest first. */
    public List<ArticleSummary> articles(ArticleFilter filter) {
        return read(() -> articles.summaries(filter));
    }

    /**
     * One article with its full analysis, read back from its record; empty when the view does not hold the article.
     *
     * @throws AnalysisUnavailableException when the view holds the article but its record cannot be read now
     */
    public Optional<ArticleDetail> article(String id) {
        ObservedArticle article = read(() -> articles.get(id));
        if (article == null) {
            return Optional.empty();
        }
        StanceScored a = analyses(List.of(article)).get(id);
        if (a == null) {
            throw new AnalysisUnavailableException("the analysis of " + id + " cannot be read back now");
        }
        return Optional.of(new ArticleDetail(ArticleSummary.of(article), a, Evidence.forArticle(a)));
    }

    /** The view holds an article whose record on news.articles.scored cannot be read back at the moment. */
    public static final class AnalysisUnavailableException extends RuntimeException {
        public AnalysisUnavailableException(String message) {
            super(message);
        }
    }

    /** Newest first, as many as asked. */
    public List<JsonNode> alerts(int limit) {
        return read(() -> health.alerts(limit));
    }

    public ViewSummary summary() {
        return read(() -> {
            Set<String> factions = new TreeSet<>(factionWindows.targets());
            factions.addAll(articles.factions());
            return new ViewSummary(version.get(), articles.count(), articles.relevant(), articles.duplicates(),
                    health.rejectedCounts(), health.lateCounts(), health.failedCounts(), articles.firstEventTime(),
                    articles.lastEventTime(), List.copyOf(factions), articles.entityIds(), factionWindows.count(),
                    entityWindows.count(), health.alertCount());
        });
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private List<SeriesPoint> seriesLocked(TargetKind kind, String target, Instant from, Instant to,
                                           Granularity granularity) {
        Map<Instant, Long> corrected = articles.corrected(kind, target, from, to, granularity);
        return windows(kind).series(target, from, to, granularity, corrected);
    }

    /** {@code time} in [from, to); with a granularity, [window of from, to), so a range never cuts a window. */
    static boolean inRange(Instant time, Instant from, Instant to, Granularity granularity) {
        Instant lower = from == null ? null : granularity == null ? from : granularity.windowStart(from);
        return (lower == null || !time.isBefore(lower)) && (to == null || time.isBefore(to));
    }

    private WindowSeries windows(TargetKind kind) {
        return kind == TargetKind.FACTION ? factionWindows : entityWindows;
    }

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
            pruneIfDue();
            version.incrementAndGet();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Whether something of this event time (an article's, a window's end) is kept, noting it as the newest event time
     * if it is; called under the write lock.
     */
    private boolean retained(Instant eventTime) {
        if (newest == null || eventTime.isAfter(newest)) {
            newest = eventTime;
        }
        return !eventTime.isBefore(newest.minus(retention));
    }

    /** Drops what has fallen out of the retention, when the newest event time has moved on enough since last time. */
    private void pruneIfDue() {
        if (newest == null) {
            return;
        }
        Instant cutoff = newest.minus(retention);
        if (prunedTo != null && cutoff.isBefore(prunedTo.plus(PRUNE_STEP))) {
            return;
        }
        prunedTo = cutoff;
        articles.prune(cutoff);
        factionWindows.prune(cutoff);
        entityWindows.prune(cutoff);
        coverage.prune(cutoff);
    }

    private <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
