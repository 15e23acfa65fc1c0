package io.storywatch.web.view;

import static io.storywatch.web.view.ScoredArticleBuilder.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.event.Mention;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import io.storywatch.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoryViewTest {

    private static final String DAY1 = "2023-11-18T00:00:00Z";
    private static final String DAY2 = "2023-11-19T00:00:00Z";
    private static final String DAY3 = "2023-11-20T00:00:00Z";

    private final StoryView view = new StoryView();
    private final AggregatedStory story = new AggregatedStory(view);

    @AfterEach
    void closeStory() {
        story.close();
    }

    /** The article's record and the window records the aggregate stage publishes for it reach the view. */
    private void apply(StanceScored article) {
        story.add(article).publish();
    }

    private static StanceScored safety(String id, String publishedAt, double score) {
        return article(id).publishedAt(publishedAt)
                .sentence("苏茨克维的做法引发讨论。", Map.of("ilya-sutskever", score)).build();
    }

    @Test
    void shouldShowTheAggregateStagesDailyWindowRecords() {
        apply(safety("a1", "2023-11-18T08:00:00Z", -0.4)); // opens [day1, day2): safety 1 article, -0.4
        apply(safety("a2", "2023-11-18T20:00:00Z", -0.2)); // same window: 2 articles, mean -0.3
        apply(safety("a3", "2023-11-19T03:00:00Z", 0.5));  // opens [day2, day3): 1 article, 0.5

        List<SeriesPoint> series = view.series(TargetKind.FACTION, "safety", null, null, Granularity.DAY);

        // the aggregate's interval: two scores -0.4, -0.2, s = 0.1414, t(1) = 12.7062: -0.3 ± 1.2706, clipped
        double halfWidth = 12.7062 * Math.sqrt(0.02) / Math.sqrt(2);
        assertEquals(List.of(
                List.of(DAY1, DAY2, 2L, 0L, 2L, ci(-1, -0.3 + halfWidth, "aggregate"), true, "aggregate"),
                List.of(DAY2, DAY3, 1L, 1L, 0L, ci(-1, 1, "aggregate"), true, "aggregate")),
                series.stream().map(StoryViewTest::rounded).map(p -> List.<Object>of(p.windowStart(), p.windowEnd(),
                        p.articles(), p.pos(), p.neg(), p.ci95(), p.lowSample(), p.basis())).toList());
        assertEquals(-0.3, series.get(0).meanScore(), 1e-9);
        assertEquals(List.of("closesAt", "copies", "evidence", "final", "reach"),
                List.copyOf(series.get(0).aggregate().keySet()));
    }

    @Test
    void shouldShowOnlyTheWindowSizesTheAggregateStagePublishes() {
        apply(safety("a1", "2023-11-18T08:10:00Z", -0.4)); // hour [08:00, 09:00)
        apply(safety("a2", "2023-11-18T08:50:00Z", -0.2)); // same hour
        apply(safety("a3", "2023-11-18T20:00:00Z", 0.6));  // hour [20:00, 21:00)

        List<SeriesPoint> hourly = view.series(TargetKind.FACTION, "safety", null, null, Granularity.HOUR);

        assertEquals(List.of("2023-11-18T08:00:00Z", "2023-11-18T20:00:00Z"),
                hourly.stream().map(SeriesPoint::windowStart).toList());
        assertEquals(List.of(2L, 1L), hourly.stream().map(SeriesPoint::articles).toList());
        // entities are published by day only: no hourly series, one daily window
        assertEquals(List.of(), view.series(TargetKind.ENTITY, "ilya-sutskever", null, null, Granularity.HOUR));
        assertEquals(List.of(3L), view.series(TargetKind.ENTITY, "ilya-sutskever", null, null, Granularity.DAY)
                .stream().map(SeriesPoint::articles).toList());
    }

    @Test
    void shouldTakeCountsFromTheAggregateRecordAndKeepFieldsTheViewDoesNotKnow() {
        ObjectNode record = WindowJson.faction("safety", DAY1, DAY2, 2, 5, -0.25, 0, 2, 0);
        record.put("final", false);

        view.applyFactionWindow(record);
        SeriesPoint point = view.series(TargetKind.FACTION, "safety", null, null, Granularity.DAY).get(0);

        // a schema-1 record has no interval: none is made up
        assertEquals(new SeriesPoint("safety", DAY1, DAY2, 2, 5, -0.25, 0, 2, 0, 0,
                        null, true, "aggregate",
                        Map.of("final", Json.mapper().getNodeFactory().booleanNode(false))),
                rounded(point));
    }

    @Test
    void shouldUseTheIntervalAndLowSampleFlagOfASchemaTwoRecordAndPassOnItsOtherFields() {
        ObjectNode record = WindowJson.faction("acceleration", DAY1, DAY2, 2, 2, 0.3, 2, 0, 0);
        record.put("schemaVersion", 2).put("windowSize", "P1D").put("ciLow", 0.1).put("ciHigh", 0.5)
                .put("lowSample", false).put("copies", 1).put("reach", 3).put("final", true);
        record.putArray("evidence").addObject().put("id", "a1").put("score", 0.4);

        view.applyFactionWindow(record);
        SeriesPoint point = view.series(TargetKind.FACTION, "acceleration", null, null, Granularity.DAY).get(0);

        assertEquals(new Interval(0.1, 0.5, "aggregate"), point.ci95());
        assertFalse(point.lowSample());
        assertEquals(List.of("copies", "evidence", "final", "reach"), List.copyOf(point.aggregate().keySet()));
        assertEquals("a1", point.aggregate().get("evidence").get(0).path("id").asText());
    }

    @Test
    void shouldKeepHourlyAndDailyRecordsOfOneTargetApart() {
        view.applyFactionWindow(WindowJson.faction("safety", DAY1, DAY2, 3, 3, 0.1, 1, 1, 1));
        view.applyFactionWindow(WindowJson.faction("safety", DAY1, "2023-11-18T01:00:00Z", 1, 1, 0.5, 1, 0, 0));

        assertEquals(List.of(3L), view.series(TargetKind.FACTION, "safety", null, null, Granularity.DAY).stream()
                .map(SeriesPoint::articles).toList());
        assertEquals(List.of(1L), view.series(TargetKind.FACTION, "safety", null, null, Granularity.HOUR).stream()
                .map(SeriesPoint::articles).toList());
    }

    @Test
    void shouldCountNeitherSyndicatedCopiesNorIrrelevantArticles() {
        apply(safety("original", "2023-11-18T08:00:00Z", -0.4));
        apply(article("copy").publishedAt("2023-11-18T09:00:00Z").duplicateOf("original")
                .sentence("苏茨克维的做法引发讨论。", Map.of("ilya-sutskever", -0.4)).build());
        apply(article("off-topic").publishedAt("2023-11-18T10:00:00Z").irrelevant()
                .sentence("苏茨克维的做法引发讨论。", Map.of("ilya-sutskever", 0.9)).build());

        List<SeriesPoint> series = view.series(TargetKind.FACTION, "safety", null, null, Granularity.DAY);

        assertEquals(1, series.size());
        assertEquals(1, series.get(0).articles());
        assertEquals(-0.4, series.get(0).meanScore(), 1e-9);
    }

    @Test
    void shouldListEveryFactionSeenWithItsSeriesInsideTheRange() {
        apply(safety("s1", "2023-11-17T08:00:00Z", -0.4));
        apply(safety("s2", "2023-11-19T08:00:00Z", -0.4));
        apply(article("a1").publishedAt("2023-11-19T12:00:00Z")
                .sentence("奥特曼回归OpenAI。", Map.of("sam-altman", 0.6)).build());

        Map<String, List<SeriesPoint>> series = view.factionSeries(Instant.parse("2023-11-18T12:00:00Z"),
                Instant.parse(DAY3), Granularity.DAY);

        assertEquals(List.of("acceleration", "safety"), List.copyOf(series.keySet()));
        assertEquals(List.of(DAY2), series.get("safety").stream().map(SeriesPoint::windowStart).toList());
        assertEquals(List.of(DAY2), series.get("acceleration").stream().map(SeriesPoint::windowStart).toList());
    }

    @Test
    void shouldGiveThePointsArticlesStrongestFirstWithTheirSentencesHighlighted() {
        apply(article("mild").publishedAt("2023-11-18T08:00:00Z").title("温和评论")
                .sentence("马斯克发表看法。", Map.of("elon-musk", 0.1))
                .sentence("苏茨克维略显谨慎。", Map.of("ilya-sutskever", -0.2)).build());
        apply(article("strong").publishedAt("2023-11-18T09:00:00Z").title("激烈批评")
                .sentence("董事会风波持续。", Map.of())
                .sentence("外界指责苏茨克维与雷克一手制造混乱。", Map.of("ilya-sutskever", -0.75, "jan-leike", -0.25))
                .build());
        apply(safety("next-day", "2023-11-19T09:00:00Z", 0.9));

        List<ArticleEvidence> evidence = view.evidence(TargetKind.FACTION, "safety",
                Instant.parse("2023-11-18T15:00:00Z"), Granularity.DAY, 10);

        assertEquals(List.of("strong", "mild"), evidence.stream().map(e -> e.article().id()).toList());
        String sentence = "外界指责苏茨克维与雷克一手制造混乱。";
        int start = "激烈批评\n董事会风波持续。".length();
        assertEquals(List.of(new EvidenceSentence(1, start, start + sentence.length(), sentence, -0.5,
                        Map.of("ilya-sutskever", new TargetSentiment(-0.75, "neg"),
                                "jan-leike", new TargetSentiment(-0.25, "neg")),
                        List.of(new EvidenceSentence.Highlight(4, 8, "ilya-sutskever"),
                                new EvidenceSentence.Highlight(9, 11, "jan-leike")))),
                evidence.get(0).sentences());
        assertEquals(List.of("苏茨克维略显谨慎。"),
                evidence.get(1).sentences().stream().map(EvidenceSentence::text).toList());
    }

    @Test
    void shouldFilterArticlesByFactionEntitySourceAndRelevanceNewestFirst() {
        apply(article("altman").publishedAt("2023-11-20T08:00:00Z").source("财经周刊")
                .sentence("奥特曼回归OpenAI。", Map.of("sam-altman", 0.6)).build());
        apply(safety("ilya-old", "2023-11-18T08:00:00Z", -0.4));
        apply(safety("ilya-new", "2023-11-19T08:00:00Z", -0.4));
        apply(article("ultraman").publishedAt("2023-11-21T08:00:00Z").irrelevant()
                .sentence("奥特曼玩具热卖。", Map.of("sam-altman", 0.5)).build());

        assertEquals(List.of("ultraman", "altman", "ilya-new", "ilya-old"), ids(ArticleFilter.all()));
        assertEquals(List.of("ilya-new", "ilya-old"),
                ids(new ArticleFilter("safety", null, null, false, null, null, 10)));
        assertEquals(List.of("ultraman", "altman"),
                ids(new ArticleFilter(null, "sam-altman", null, false, null, null, 10)));
        assertEquals(List.of("altman"), ids(new ArticleFilter(null, "sam-altman", null, true, null, null, 10)));
        assertEquals(List.of("altman"), ids(new ArticleFilter(null, null, "财经周刊", false, null, null, 10)));
        assertEquals(List.of("ilya-new"), ids(new ArticleFilter(null, null, null, false,
                Instant.parse(DAY2), Instant.parse(DAY3), 10)));
        assertEquals(List.of("ultraman"), ids(new ArticleFilter(null, null, null, false, null, null, 1)));
    }

    @Test
    void shouldGiveOneArticleWithEverySentenceThatScoresAnEntity() {
        apply(article("a").publishedAt("2023-11-18T08:00:00Z").title("<img src=x onerror=alert(1)>")
                .sentence("董事会风波持续。", Map.of())
                .sentence("奥特曼回归OpenAI。", Map.of("sam-altman", 0.6, "openai", 0.2)).build());

        ArticleDetail detail = view.article("a").orElseThrow();

        assertEquals("<img src=x onerror=alert(1)>", detail.article().title());
        assertEquals(List.of(1), detail.evidence().stream().map(EvidenceSentence::index).toList());
        assertEquals(List.of(new EvidenceSentence.Highlight(0, 3, "sam-altman"),
                new EvidenceSentence.Highlight(5, 11, "openai")), detail.evidence().get(0).highlights());
        assertTrue(view.article("missing").isEmpty());
    }

    @Test
    void shouldMeasureCoverageWithCopiesDistinctSourcesAndShareOfVoice() {
        apply(article("o").publishedAt("2023-11-18T08:00:00Z").source("硅谷观察")
                .sentence("奥特曼与苏茨克维对峙，雷克表态。",
                        Map.of("sam-altman", 0.1, "ilya-sutskever", -0.1, "jan-leike", 0.0)).build());
        apply(article("c").publishedAt("2023-11-18T09:00:00Z").source("财经周刊").duplicateOf("o")
                .sentence("奥特曼与苏茨克维对峙，雷克表态。",
                        Map.of("sam-altman", 0.1, "ilya-sutskever", -0.1, "jan-leike", 0.0)).build());
        apply(article("off").publishedAt("2023-11-18T10:00:00Z").source("体育报").irrelevant()
                .sentence("奥特曼玩具热卖。", Map.of("sam-altman", 0.5)).build());

        List<CoveragePoint> coverage = view.coverage(null, null, Granularity.DAY);

        assertEquals(List.of(new CoveragePoint(DAY1, DAY2, 1, 1, 2, Map.of("acceleration", 1L, "safety", 2L),
                Map.of("acceleration", 1.0 / 3, "safety", 2.0 / 3), "aggregate")), coverage);
    }

    @Test
    void shouldShowTheLatestCoverageRecordOfEachWindowOfTheAskedSize() {
        apply(safety("o", "2023-11-18T08:00:00Z", -0.4));
        apply(safety("p", "2023-11-19T08:00:00Z", -0.4));
        // a later record of [day1, day2) replaces the aggregate's first one
        ObjectNode reported = Json.mapper().createObjectNode().put("windowStart", DAY1).put("windowEnd", DAY2)
                .put("windowSize", "P1D").put("articles", 4).put("copies", 2).put("reach", 6)
                .put("distinctSources", 3);
        reported.putObject("factions").putObject("safety").put("articles", 4).put("mentions", 5)
                .put("shareOfVoice", 1.0);
        view.applyCoverage("story@" + DAY1 + "/P1D", reported);
        view.applyCoverage("story@" + DAY1 + "/PT1H", Json.mapper().createObjectNode().put("windowStart", DAY1)
                .put("windowEnd", "2023-11-18T01:00:00Z").put("articles", 9));

        List<CoveragePoint> coverage = view.coverage(null, null, Granularity.DAY);

        assertEquals(List.of(
                new CoveragePoint(DAY1, DAY2, 4, 2, 3, Map.of("safety", 5L), Map.of("safety", 1.0), "aggregate"),
                new CoveragePoint(DAY2, DAY3, 1, 0, 1, Map.of("safety", 1L), Map.of("safety", 1.0), "aggregate")),
                coverage);
    }

    @Test
    void shouldRankEntitiesByArticlesThenMentions() {
        apply(article("1").publishedAt("2023-11-18T08:00:00Z")
                .sentence("奥特曼回归。", Map.of("sam-altman", 0.6))
                .sentence("苏茨克维道歉。", Map.of("ilya-sutskever", -0.2)).build());
        apply(article("2").publishedAt("2023-11-19T08:00:00Z")
                .sentence("奥特曼掌权。", Map.of("sam-altman", 0.2)).build());

        List<EntityStanding> top = view.topEntities(null, null, 10);

        assertEquals(List.of("sam-altman", "ilya-sutskever"), top.stream().map(EntityStanding::entity).toList());
        EntityStanding altman = top.get(0);
        assertEquals(List.of("acceleration"), altman.factions());
        assertEquals(2, altman.articles());
        assertEquals(0.4, altman.meanScore(), 1e-9);
        assertEquals(2, altman.pos());
        assertTrue(altman.lowSample());
        assertEquals(1, view.topEntities(null, null, 1).size());
    }

    @Test
    void shouldReplaceAnArticleSeenAgainAndGrowItsVersionWithEveryRecord() {
        long before = view.version();
        view.applyScored(safety("a", "2023-11-18T08:00:00Z", -0.4), 0L);
        view.applyScored(safety("a", "2023-11-18T08:00:00Z", 0.4), 0L);
        view.applyRejected("NOT_JSON");
        view.applyRejected("NOT_JSON");
        view.applyLate("AFTER_GRACE");

        ViewSummary summary = view.summary();

        assertEquals(before + 5, summary.version());
        assertEquals(Map.of("AFTER_GRACE", 1L), summary.late());
        assertEquals(1, summary.articles());
        assertEquals(Map.of("NOT_JSON", 2L), summary.rejected());
        assertEquals(0.4, view.articles(ArticleFilter.all()).get(0).factions().get("safety").score());
    }

    @Test
    void shouldKeepAlertsNewestFirst() {
        JsonNode first = Json.tree("{\"faction\":\"safety\",\"n\":1}");
        JsonNode second = Json.tree("{\"faction\":\"safety\",\"n\":2}");
        view.applyAlert(first);
        view.applyAlert(second);

        assertEquals(List.of(second, first), view.alerts(10));
        assertEquals(List.of(second), view.alerts(1));
    }

    @Test
    void shouldForgetTheEntitiesThatOnlyArticlesPastTheRetentionNamed() {
        StoryView month = new StoryView(ScoredLookup.NONE, Duration.ofDays(30));
        long fedAt = AggregatedStory.FED_AT.toEpochMilli();
        // 11-18: names ilya-sutskever
        month.applyScored(safety("old", "2023-11-18T08:00:00Z", -0.4), fedAt);
        // 12-10, within 30 days of 11-18: names sam-altman; both kept
        month.applyScored(article("mid").publishedAt("2023-12-10T08:00:00Z")
                .sentence("奥特曼回归。", Map.of("sam-altman", 0.3)).build(), fedAt);
        assertEquals(List.of("ilya-sutskever", "sam-altman"), month.summary().entities());

        // 12-20: the 30 days before it begin 11-20, so "old" and with it the only article naming ilya-sutskever go
        month.applyScored(article("new").publishedAt("2023-12-20T08:00:00Z")
                .sentence("奥特曼发言。", Map.of("sam-altman", 0.1)).build(), fedAt);

        assertEquals(List.of("mid", "new"), month.articles(ArticleFilter.all()).stream().map(ArticleSummary::id)
                .sorted().toList());
        assertEquals(List.of("sam-altman"), month.summary().entities());
    }

    @Test
    void shouldFallBackToTheRecordTimestampWhenPublishedAtIsMissing() {
        view.applyScored(safety("undated", null, -0.4), Instant.parse("2024-01-02T05:00:00Z").toEpochMilli());

        assertNull(view.articles(ArticleFilter.all()).get(0).publishedAt());
        assertEquals("2024-01-02T05:00:00Z", view.articles(ArticleFilter.all()).get(0).eventTime());
    }

    @Test
    void shouldKeepOnlyADigestOfAnArticleAppliedFromItsRecord() {
        String sentence = "外界指责苏茨克维与雷克一手制造混乱。";
        StanceScored whole = article("strong").publishedAt("2023-11-18T09:00:00Z").title("激烈批评")
                .sentence(sentence, Map.of("ilya-sutskever", -0.75, "jan-leike", -0.25)).build();
        StoryView fromRecord = new StoryView();
        fromRecord.applyScored(ScoredDigest.fromJson(Json.toBytes(whole)), AggregatedStory.FED_AT.toEpochMilli(),
                new ScoredLocation(2, 41));
        apply(whole);

        RetainedObjects retained = RetainedObjects.of(fromRecord);

        assertEquals(List.of(), retained.instancesOf(StanceScored.class));
        assertEquals(List.of(), retained.instancesOf(ScoredSentence.class));
        assertEquals(List.of(), retained.instancesOf(Mention.class));
        assertEquals(List.of(), retained.textsContaining(sentence));
        // the walk does find what a view of whole analyses keeps, so the empty lists above mean something
        assertEquals(1, RetainedObjects.of(view).instancesOf(StanceScored.class).size());
        assertFalse(RetainedObjects.of(view).textsContaining(sentence).isEmpty());
        // lists, series and coverage read the digest and the window records (which quote their evidence
        // sentences) and answer as the view of the whole analysis does
        story.publishedTo(fromRecord);
        assertEquals(view.articles(ArticleFilter.all()), fromRecord.articles(ArticleFilter.all()));
        assertEquals(view.factionSeries(null, null, Granularity.DAY),
                fromRecord.factionSeries(null, null, Granularity.DAY));
        assertEquals(view.topEntities(null, null, 10), fromRecord.topEntities(null, null, 10));
        assertEquals(view.coverage(null, null, Granularity.DAY), fromRecord.coverage(null, null, Granularity.DAY));
    }

    @Test
    void shouldSayAnAnalysisIsUnavailableWhenItsRecordCannotBeReadBack() {
        StanceScored whole = safety("a", "2023-11-18T08:00:00Z", -0.4);
        StoryView fromRecord = new StoryView(ScoredLookup.NONE);
        fromRecord.applyScored(ScoredDigest.fromJson(Json.toBytes(whole)), 0L, new ScoredLocation(0, 0));
        apply(whole);
        story.publishedTo(fromRecord);

        assertThrows(StoryView.AnalysisUnavailableException.class, () -> fromRecord.article("a"));
        assertTrue(fromRecord.article("missing").isEmpty());
        // a point's evidence still lists the article, without sentences
        List<ArticleEvidence> evidence = fromRecord.evidence(TargetKind.FACTION, "safety",
                Instant.parse(DAY1), Granularity.DAY, 10);
        assertEquals(List.of("a"), evidence.stream().map(e -> e.article().id()).toList());
        assertEquals(List.of(), evidence.get(0).sentences());
    }

    @Test
    void shouldReadTheEvidenceOfOnlyTheArticlesItShowsBackFromTheirRecords() {
        StanceScored strong = article("strong").publishedAt("2023-11-18T09:00:00Z")
                .sentence("外界指责苏茨克维一手制造混乱。", Map.of("ilya-sutskever", -0.75)).build();
        StanceScored mild = safety("mild", "2023-11-18T08:00:00Z", -0.2);
        Map<ScoredLocation, StanceScored> records = Map.of(new ScoredLocation(0, 1), strong,
                new ScoredLocation(1, 1), mild);
        List<ScoredLocation> asked = new java.util.ArrayList<>();
        ScoredLookup topic = locations -> {
            asked.addAll(locations);
            Map<ScoredLocation, StanceScored> found = new java.util.HashMap<>();
            locations.forEach(location -> found.put(location, records.get(location)));
            return found;
        };
        StoryView fromRecords = new StoryView(topic);
        records.forEach((location, a) -> fromRecords.applyScored(ScoredDigest.fromJson(Json.toBytes(a)), 0L,
                location));
        apply(strong);
        apply(mild);
        story.publishedTo(fromRecords);

        List<ArticleEvidence> evidence = fromRecords.evidence(TargetKind.FACTION, "safety", Instant.parse(DAY1),
                Granularity.DAY, 1);

        assertEquals(view.evidence(TargetKind.FACTION, "safety", Instant.parse(DAY1), Granularity.DAY, 1), evidence);
        assertEquals(List.of(new ScoredLocation(0, 1)), asked);
        assertEquals(view.article("mild"), fromRecords.article("mild"));
    }

    private List<String> ids(ArticleFilter filter) {
        return view.articles(filter).stream().map(ArticleSummary::id).toList();
    }

    /** Interval bounds rounded to 1e-6, so that whole points compare with equals. */
    private static SeriesPoint rounded(SeriesPoint p) {
        Interval ci = p.ci95() == null ? null
                : new Interval(round(p.ci95().low()), round(p.ci95().high()), p.ci95().method());
        return new SeriesPoint(p.target(), p.windowStart(), p.windowEnd(), p.articles(), p.mentions(),
                p.meanScore(), p.pos(), p.neg(), p.neu(), p.mixed(), ci, p.lowSample(), p.basis(), p.aggregate());
    }

    private static Interval ci(double low, double high, String method) {
        return new Interval(round(low), round(high), method);
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
