package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionScore;
import io.storywatch.event.Mention;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import io.storywatch.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The dashboard's read model: everything the pipeline's output topics said, kept in memory and queried without
 * Kafka, so that the API is plain code over plain records and is rebuilt exactly by re-reading the topics.
 *
 * <p>Window records of the aggregate stage are authoritative where they exist; series for window sizes or windows
 * it did not publish are derived from the per-article scores with the aggregate stage's own counting rule (relevant
 * originals only, a target only where it is present).
 */
public final class StoryView {

    /** Below this many articles a window's mean is flagged: it rests on too few voices to read much into. */
    public static final int LOW_SAMPLE_ARTICLES = 5;
    static final int MAX_ALERTS = 200;
    static final int EVIDENCE_SENTENCES_PER_ARTICLE = 3;

    static final String BASIS_AGGREGATE = "aggregate";
    static final String BASIS_ARTICLES = "articles";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, ObservedArticle> articles = new LinkedHashMap<>();
    private final Map<String, Map<Duration, TreeMap<Instant, WindowRecord>>> factionWindows = new TreeMap<>();
    private final Map<String, Map<Duration, TreeMap<Instant, WindowRecord>>> entityWindows = new TreeMap<>();
    private final Map<String, EntityMentions> entityIdentities = new TreeMap<>();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final Map<String, Long> late = new TreeMap<>();
    private final Deque<JsonNode> alerts = new ArrayDeque<>();
    private final Map<String, JsonNode> coverageRecords = new TreeMap<>();
    private final AtomicLong version = new AtomicLong();

    // ---- applying records -------------------------------------------------------------------------------------

    /** A value of news.articles.scored; a later record for the same id replaces the earlier one. */
    public void applyScored(StanceScored analysis, long recordTimestamp) {
        write(() -> {
            articles.put(analysis.id(), ObservedArticle.of(analysis, recordTimestamp));
            if (analysis.entities() != null) {
                for (EntityMentions entity : analysis.entities()) {
                    entityIdentities.put(entity.id(), new EntityMentions(entity.id(), entity.type(),
                            entity.factions() == null ? List.of() : entity.factions(), List.of()));
                }
            }
        });
    }

    /** A tombstone on news.articles.scored. */
    public void removeArticle(String id) {
        write(() -> articles.remove(id));
    }

    /** A value of news.faction-sentiment; the latest record of a window is its current state. */
    public void applyFactionWindow(JsonNode value) {
        WindowRecord record = WindowRecord.fromJson(value, "faction");
        write(() -> put(factionWindows, record));
    }

    public void applyFactionWindow(FactionSentimentWindow window) {
        applyFactionWindow(Json.mapper().<JsonNode>valueToTree(window));
    }

    public void applyEntityWindow(EntitySentimentWindow window) {
        applyEntityWindow(Json.mapper().<JsonNode>valueToTree(window));
    }

    /** A value of news.entity-sentiment; the latest record of a window is its current state. */
    public void applyEntityWindow(JsonNode value) {
        WindowRecord record = WindowRecord.fromJson(value, "entity");
        write(() -> put(entityWindows, record));
    }

    /** A record of news.articles.rejected, counted by its reason code. */
    public void applyRejected(String code) {
        write(() -> rejected.merge(code == null ? "unknown" : code, 1L, Long::sum));
    }

    /** A record of news.articles.late: an article a window did not count, by its reason. */
    public void applyLate(String reason) {
        write(() -> late.merge(reason == null ? "unknown" : reason, 1L, Long::sum));
    }

    /** A value of news.faction-alerts (issue 5), kept newest first as the aggregate stage wrote it. */
    public void applyAlert(JsonNode alert) {
        write(() -> {
            alerts.addFirst(alert);
            while (alerts.size() > MAX_ALERTS) {
                alerts.removeLast();
            }
        });
    }

    /** A value of news.story-coverage (issue 5), kept by key as the aggregate stage wrote it. */
    public void applyCoverage(String key, JsonNode value) {
        write(() -> {
            if (value == null) {
                coverageRecords.remove(key);
            } else {
                coverageRecords.put(key, value);
            }
        });
    }

    /** Grows with every applied record: live clients compare it to know whether to fetch again. */
    public long version() {
        return version.get();
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    /** Every faction the view has seen, each with its series over [from, to) (null bounds are open). */
    public Map<String, List<SeriesPoint>> factionSeries(Instant from, Instant to, Granularity granularity) {
        return read(() -> {
            Set<String> factions = new TreeSet<>(factionWindows.keySet());
            for (ObservedArticle article : articles.values()) {
                if (article.counts() && article.analysis().factions() != null) {
                    article.analysis().factions().forEach((faction, score) -> {
                        if (ObservedArticle.present(score.label(), score.mentions())) {
                            factions.add(faction);
                        }
                    });
                }
            }
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

    /** The articles behind one point: strongest portrayal first, each with the sentences that drove it. */
    public List<ArticleEvidence> evidence(TargetKind kind, String target, Instant windowStart,
                                          Granularity granularity, int limit) {
        Instant start = granularity.windowStart(windowStart);
        return read(() -> {
            List<ArticleEvidence> evidence = new ArrayList<>();
            for (ObservedArticle article : articles.values()) {
                Portrayal portrayal = portrayal(kind, target, article);
                if (portrayal != null && granularity.windowStart(article.eventTime()).equals(start)) {
                    Set<String> ids = targetEntities(kind, target, article.analysis());
                    evidence.add(new ArticleEvidence(ArticleSummary.of(article), portrayal.score, portrayal.label,
                            portrayal.mentions, evidenceSentences(article.analysis(), ids,
                            EVIDENCE_SENTENCES_PER_ARTICLE)));
                }
            }
            evidence.sort(Comparator.comparingDouble((ArticleEvidence e) -> -Math.abs(e.score()))
                    .thenComparing(e -> e.article().id()));
            return List.copyOf(evidence.subList(0, Math.min(limit, evidence.size())));
        });
    }

    public List<CoveragePoint> coverage(Instant from, Instant to, Granularity granularity) {
        return read(() -> {
            Map<Instant, List<ObservedArticle>> buckets = new TreeMap<>();
            for (ObservedArticle article : articles.values()) {
                Instant start = granularity.windowStart(article.eventTime());
                if (article.analysis().relevant() && inRange(start, from, to, granularity)) {
                    buckets.computeIfAbsent(start, s -> new ArrayList<>()).add(article);
                }
            }
            List<CoveragePoint> points = new ArrayList<>();
            buckets.forEach((start, bucket) -> {
                long originals = 0;
                long copies = 0;
                Set<String> sources = new HashSet<>();
                Map<String, Long> factionMentions = new TreeMap<>();
                for (ObservedArticle article : bucket) {
                    StanceScored a = article.analysis();
                    if (a.source() != null) {
                        sources.add(a.source());
                    }
                    if (!article.counts()) {
                        copies++;
                        continue;
                    }
                    originals++;
                    if (a.factions() != null) {
                        a.factions().forEach((faction, score) -> {
                            if (ObservedArticle.present(score.label(), score.mentions())) {
                                factionMentions.merge(faction, (long) score.mentions(), Long::sum);
                            }
                        });
                    }
                }
                long total = factionMentions.values().stream().mapToLong(Long::longValue).sum();
                Map<String, Double> share = new TreeMap<>();
                factionMentions.forEach((faction, mentions) -> share.put(faction, (double) mentions / total));
                points.add(new CoveragePoint(start.toString(), start.plus(granularity.size()).toString(), originals,
                        copies, sources.size(), factionMentions, share, BASIS_ARTICLES));
            });
            Map<String, CoveragePoint> byStart = new TreeMap<>();
            points.forEach(point -> byStart.put(point.windowStart(), point));
            for (JsonNode record : coverageRecords.values()) {
                CoveragePoint reported = reportedCoverage(record, granularity);
                if (reported != null && inRange(Instant.parse(reported.windowStart()), from, to, granularity)) {
                    byStart.put(reported.windowStart(), reported);
                }
            }
            return List.copyOf(byStart.values());
        });
    }

    /** A news.story-coverage record of the asked window size as a point, else null. */
    private static CoveragePoint reportedCoverage(JsonNode record, Granularity granularity) {
        try {
            Instant start = Instant.parse(record.path("windowStart").asText());
            Instant end = Instant.parse(record.path("windowEnd").asText());
            if (!Duration.between(start, end).equals(granularity.size())) {
                return null;
            }
            Map<String, Long> mentions = new TreeMap<>();
            Map<String, Double> share = new TreeMap<>();
            record.path("factions").fields().forEachRemaining(faction -> {
                mentions.put(faction.getKey(), faction.getValue().path("mentions").asLong());
                share.put(faction.getKey(), faction.getValue().path("shareOfVoice").asDouble());
            });
            return new CoveragePoint(start.toString(), end.toString(), record.path("articles").asLong(),
                    record.path("copies").asLong(), record.path("distinctSources").asLong(), mentions, share,
                    BASIS_AGGREGATE);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Story coverage records of the aggregate stage (issue 5), as written; empty until that stage publishes them. */
    public List<JsonNode> reportedCoverage() {
        return read(() -> List.copyOf(coverageRecords.values()));
    }

    /** Entities by number of articles portraying them over [from, to), then by mentions. */
    public List<EntityStanding> topEntities(Instant from, Instant to, int limit) {
        return read(() -> {
            Map<String, List<EntityScore>> scores = new TreeMap<>();
            for (ObservedArticle article : articles.values()) {
                if (article.counts() && article.analysis().entityScores() != null
                        && inRange(article.eventTime(), from, to, null)) {
                    article.analysis().entityScores().forEach((entity, score) -> {
                        if (ObservedArticle.present(score.label(), score.mentions())) {
                            scores.computeIfAbsent(entity, e -> new ArrayList<>()).add(score);
                        }
                    });
                }
            }
            List<EntityStanding> standings = new ArrayList<>();
            scores.forEach((entity, list) -> {
                double[] values = list.stream().mapToDouble(EntityScore::score).toArray();
                double mean = mean(values);
                EntityMentions identity = entityIdentities.get(entity);
                standings.add(new EntityStanding(entity, identity == null ? null : identity.type(),
                        identity == null ? List.of() : identity.factions(), list.size(),
                        list.stream().mapToLong(EntityScore::mentions).sum(), mean,
                        count(list, "pos"), count(list, "neg"), count(list, "neu"), Interval.ofScores(values, mean),
                        list.size() < LOW_SAMPLE_ARTICLES));
            });
            standings.sort(Comparator.comparingLong((EntityStanding s) -> -s.articles())
                    .thenComparingLong(s -> -s.mentions()).thenComparing(EntityStanding::entity));
            return List.copyOf(standings.subList(0, Math.min(limit, standings.size())));
        });
    }

    /** Newest first. */
    public List<ArticleSummary> articles(ArticleFilter filter) {
        return read(() -> articles.values().stream()
                .filter(article -> matches(article, filter))
                .sorted(Comparator.comparing(ObservedArticle::eventTime).reversed()
                        .thenComparing(article -> article.analysis().id()))
                .limit(Math.max(0, Math.min(filter.limit(), ArticleFilter.MAX_LIMIT)))
                .map(ArticleSummary::of)
                .toList());
    }

    public Optional<ArticleDetail> article(String id) {
        return read(() -> {
            ObservedArticle article = articles.get(id);
            if (article == null) {
                return Optional.empty();
            }
            StanceScored a = article.analysis();
            Set<String> all = new HashSet<>();
            if (a.entities() != null) {
                a.entities().forEach(entity -> all.add(entity.id()));
            }
            return Optional.of(new ArticleDetail(ArticleSummary.of(article), a,
                    evidenceSentences(a, all, Integer.MAX_VALUE)));
        });
    }

    /** Newest first, as many as asked. */
    public List<JsonNode> alerts(int limit) {
        return read(() -> alerts.stream().limit(Math.max(0, limit)).toList());
    }

    public ViewSummary summary() {
        return read(() -> {
            long relevant = articles.values().stream().filter(a -> a.analysis().relevant()).count();
            long duplicates = articles.values().stream().filter(a -> a.analysis().duplicateOf() != null).count();
            Instant first = articles.values().stream().map(ObservedArticle::eventTime).min(Instant::compareTo)
                    .orElse(null);
            Instant last = articles.values().stream().map(ObservedArticle::eventTime).max(Instant::compareTo)
                    .orElse(null);
            Set<String> factions = new TreeSet<>(factionWindows.keySet());
            articles.values().forEach(a -> {
                if (a.analysis().factions() != null) {
                    factions.addAll(a.analysis().factions().keySet());
                }
            });
            return new ViewSummary(version.get(), articles.size(), relevant, duplicates, Map.copyOf(rejected),
                    Map.copyOf(late),
                    first == null ? null : first.toString(), last == null ? null : last.toString(),
                    List.copyOf(factions), List.copyOf(entityIdentities.keySet()), windowCount(factionWindows),
                    windowCount(entityWindows), alerts.size());
        });
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private record Portrayal(double score, String label, int mentions) {
    }

    private List<SeriesPoint> seriesLocked(TargetKind kind, String target, Instant from, Instant to,
                                           Granularity granularity) {
        Map<Instant, List<Portrayal>> buckets = new TreeMap<>();
        for (ObservedArticle article : articles.values()) {
            Portrayal portrayal = portrayal(kind, target, article);
            Instant start = granularity.windowStart(article.eventTime());
            if (portrayal != null && inRange(start, from, to, granularity)) {
                buckets.computeIfAbsent(start, s -> new ArrayList<>()).add(portrayal);
            }
        }
        Map<Duration, TreeMap<Instant, WindowRecord>> bySize =
                (kind == TargetKind.FACTION ? factionWindows : entityWindows).getOrDefault(target, Map.of());
        TreeMap<Instant, WindowRecord> records = bySize.getOrDefault(granularity.size(), new TreeMap<>());
        Set<Instant> starts = new TreeSet<>(buckets.keySet());
        records.keySet().stream().filter(start -> inRange(start, from, to, granularity)).forEach(starts::add);

        List<SeriesPoint> points = new ArrayList<>();
        for (Instant start : starts) {
            List<Portrayal> portrayals = buckets.getOrDefault(start, List.of());
            double[] scores = portrayals.stream().mapToDouble(Portrayal::score).toArray();
            WindowRecord record = records.get(start);
            if (record != null) {
                Interval ci = record.reportedInterval();
                if (ci == null) {
                    ci = scores.length >= 2 ? Interval.ofScores(scores, record.meanScore())
                            : Interval.ofLabels(record.pos(), record.neg(), record.neu(), record.mixed(),
                            record.meanScore());
                }
                Boolean lowSample = record.reportedLowSample();
                points.add(new SeriesPoint(target, start.toString(), record.windowEnd().toString(),
                        record.articles(), record.mentions(), record.meanScore(), record.pos(), record.neg(),
                        record.neu(), record.mixed(), ci,
                        lowSample != null ? lowSample : record.articles() < LOW_SAMPLE_ARTICLES, BASIS_AGGREGATE,
                        record.extras()));
            } else {
                double mean = mean(scores);
                points.add(new SeriesPoint(target, start.toString(), start.plus(granularity.size()).toString(),
                        portrayals.size(), portrayals.stream().mapToLong(Portrayal::mentions).sum(), mean,
                        countLabel(portrayals, "pos"), countLabel(portrayals, "neg"), countLabel(portrayals, "neu"),
                        countLabel(portrayals, "mixed"), Interval.ofScores(scores, mean),
                        portrayals.size() < LOW_SAMPLE_ARTICLES, BASIS_ARTICLES, Map.of()));
            }
        }
        return points;
    }

    private static Portrayal portrayal(TargetKind kind, String target, ObservedArticle article) {
        if (kind == TargetKind.FACTION) {
            FactionScore score = article.faction(target);
            return score == null ? null : new Portrayal(score.score(), score.label(), score.mentions());
        }
        EntityScore score = article.entity(target);
        return score == null ? null : new Portrayal(score.score(), score.label(), score.mentions());
    }

    /** The entity ids of an article that stand for the target: the faction's members in it, or the entity. */
    private static Set<String> targetEntities(TargetKind kind, String target, StanceScored article) {
        if (kind == TargetKind.ENTITY) {
            return Set.of(target);
        }
        Set<String> ids = new HashSet<>();
        if (article.entities() != null) {
            for (EntityMentions entity : article.entities()) {
                if (entity.factions() != null && entity.factions().contains(target)) {
                    ids.add(entity.id());
                }
            }
        }
        return ids;
    }

    /**
     * The sentences expressing sentiment toward any of the entities, strongest first up to {@code limit}, then in
     * reading order; where none carries a target score, the sentences merely mentioning them.
     */
    static List<EvidenceSentence> evidenceSentences(StanceScored article, Set<String> entityIds, int limit) {
        if (article.sentences() == null || entityIds.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<EvidenceSentence.Highlight>> highlights = new HashMap<>();
        Map<Integer, ScoredSentence> sentences = new HashMap<>();
        article.sentences().forEach(sentence -> sentences.put(sentence.index(), sentence));
        if (article.entities() != null) {
            for (EntityMentions entity : article.entities()) {
                if (!entityIds.contains(entity.id()) || entity.mentions() == null) {
                    continue;
                }
                for (Mention mention : entity.mentions()) {
                    ScoredSentence sentence = sentences.get(mention.sentence());
                    if (sentence != null && mention.start() >= sentence.start() && mention.end() <= sentence.end()) {
                        highlights.computeIfAbsent(sentence.index(), i -> new ArrayList<>())
                                .add(new EvidenceSentence.Highlight(mention.start() - sentence.start(),
                                        mention.end() - sentence.start(), entity.id()));
                    }
                }
            }
        }
        List<ScoredSentence> chosen = new ArrayList<>();
        for (ScoredSentence sentence : article.sentences()) {
            if (strength(sentence, entityIds) >= 0) {
                chosen.add(sentence);
            }
        }
        if (chosen.isEmpty()) {
            article.sentences().stream().filter(s -> highlights.containsKey(s.index())).forEach(chosen::add);
        }
        chosen.sort(Comparator.comparingDouble((ScoredSentence s) -> -strength(s, entityIds))
                .thenComparingInt(ScoredSentence::index));
        List<ScoredSentence> strongest = new ArrayList<>(chosen.subList(0, Math.min(limit, chosen.size())));
        strongest.sort(Comparator.comparingInt(ScoredSentence::index));
        List<EvidenceSentence> evidence = new ArrayList<>();
        for (ScoredSentence sentence : strongest) {
            Map<String, TargetSentiment> targets = new TreeMap<>();
            if (sentence.targets() != null) {
                sentence.targets().forEach((entity, sentiment) -> {
                    if (entityIds.contains(entity)) {
                        targets.put(entity, sentiment);
                    }
                });
            }
            List<EvidenceSentence.Highlight> marks = new ArrayList<>(highlights.getOrDefault(sentence.index(),
                    List.of()));
            marks.sort(Comparator.comparingInt(EvidenceSentence.Highlight::start));
            evidence.add(new EvidenceSentence(sentence.index(), sentence.start(), sentence.end(), sentence.text(),
                    sentence.sentiment(), targets, marks));
        }
        return evidence;
    }

    /** The strongest target score toward the entities in a sentence, or -1 when it scores none of them. */
    private static double strength(ScoredSentence sentence, Set<String> entityIds) {
        double strongest = -1;
        if (sentence.targets() != null) {
            for (Map.Entry<String, TargetSentiment> target : sentence.targets().entrySet()) {
                if (entityIds.contains(target.getKey()) && target.getValue() != null) {
                    strongest = Math.max(strongest, Math.abs(target.getValue().score()));
                }
            }
        }
        return strongest;
    }

    private static boolean matches(ObservedArticle article, ArticleFilter filter) {
        StanceScored a = article.analysis();
        if (filter.relevantOnly() && !a.relevant()) {
            return false;
        }
        if (filter.source() != null && !filter.source().equals(a.source())) {
            return false;
        }
        if (filter.faction() != null) {
            FactionScore score = a.factions() == null ? null : a.factions().get(filter.faction());
            if (score == null || !ObservedArticle.present(score.label(), score.mentions())) {
                return false;
            }
        }
        if (filter.entity() != null && (a.entities() == null
                || a.entities().stream().noneMatch(entity -> filter.entity().equals(entity.id())))) {
            return false;
        }
        return inRange(article.eventTime(), filter.from(), filter.to(), null);
    }

    /** {@code time} in [from, to); with a granularity, [window of from, to), so a range never cuts a window. */
    private static boolean inRange(Instant time, Instant from, Instant to, Granularity granularity) {
        Instant lower = from == null ? null : granularity == null ? from : granularity.windowStart(from);
        return (lower == null || !time.isBefore(lower)) && (to == null || time.isBefore(to));
    }

    private static void put(Map<String, Map<Duration, TreeMap<Instant, WindowRecord>>> windows, WindowRecord record) {
        windows.computeIfAbsent(record.target(), t -> new TreeMap<>())
                .computeIfAbsent(record.size(), s -> new TreeMap<>())
                .put(record.windowStart(), record);
    }

    private static long windowCount(Map<String, Map<Duration, TreeMap<Instant, WindowRecord>>> windows) {
        return windows.values().stream().flatMap(bySize -> bySize.values().stream()).mapToLong(Map::size).sum();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static long count(List<EntityScore> scores, String label) {
        return scores.stream().filter(score -> label.equals(score.label())).count();
    }

    private static long countLabel(List<Portrayal> portrayals, String label) {
        return portrayals.stream().filter(p -> label.equals(p.label())).count();
    }

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
            version.incrementAndGet();
        } finally {
            lock.writeLock().unlock();
        }
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
