package io.storywatch.stage.aggregate;

import io.storywatch.window.ExactScores;
import io.storywatch.window.MeanInterval;

import io.storywatch.event.ArticleFailed;
import io.storywatch.failure.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.storywatch.json.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.EvidenceSentence;
import io.storywatch.event.FactionScore;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.event.TargetSentiment;
import io.storywatch.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateStageTest {

    /** When the articles went through the pipeline: later than every publishedAt unless a test says otherwise. */
    private static final Instant FED_AT = Instant.parse("2024-06-30T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration GRACE = Duration.ofDays(7);
    private static final FactionScore ABSENT = new FactionScore(0.0, "absent", 0);
    private static final AggregateSettings DAILY = new AggregateSettings(DAY, GRACE);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private AggregateSettings settings;
    private TestInputTopic<String, StanceScored> scored;
    private TestOutputTopic<String, FactionSentimentWindow> factions;
    private TestOutputTopic<String, EntitySentimentWindow> entities;
    private TestOutputTopic<String, StoryCoverage> coverage;
    private TestOutputTopic<String, FactionShiftDetected> alerts;
    private TestOutputTopic<String, ArticleMissedWindow> late;

    private void start(AggregateSettings settings) {
        start(null, settings);
    }

    private void start(String mainStory, AggregateSettings settings) {
        this.settings = settings;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new AggregateStage(mainStory, settings).buildTopology(), props);
        scored = driver.createInputTopic(Topics.SCORED.name(), Topics.SCORED.keySerde().serializer(),
                Topics.SCORED.valueSerde().serializer());
        factions = output(Topics.FACTION_SENTIMENT);
        entities = output(Topics.ENTITY_SENTIMENT);
        coverage = output(Topics.STORY_COVERAGE);
        alerts = output(Topics.FACTION_ALERTS);
        late = output(Topics.LATE);
    }

    private <V> TestOutputTopic<String, V> output(io.storywatch.topic.Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldWindowByPublicationTimeAndReportArticlesBeyondGraceAsLate() {
        start(DAILY);
        // opens [05-28, 05-29): acceleration: a1 0.6 (2 mentions); safety: a1 -0.4
        pipe(article("a1", "2024-05-28T02:00:00Z", Map.of(
                "safety", new FactionScore(-0.4, "neg", 1),
                "acceleration", new FactionScore(0.6, "pos", 2))), FED_AT);
        // [05-28, 05-29) (01:30 UTC): safety: a1, a2 -0.8 (3 mentions); acceleration absent
        pipe(article("a2", "2024-05-28T09:30:00+08:00", Map.of(
                "safety", new FactionScore(-0.8, "neg", 3),
                "acceleration", ABSENT)), FED_AT);
        // writes both changed windows once: acceleration [05-28): a1; safety [05-28): a1, a2
        publish();
        // opens [05-30, 05-31): safety: a3 0.5; stream time is now 05-30T08:00
        pipe(article("a3", "2024-05-30T08:00:00Z", Map.of("safety", new FactionScore(0.5, "pos", 1))), FED_AT);
        // out of order, within grace: opens [05-29, 05-30): safety: a4 0.0
        pipe(article("a4", "2024-05-29T12:00:00Z", Map.of("safety", new FactionScore(0.0, "neu", 2))), FED_AT);
        // not about the story: no effect
        pipe(irrelevant("a5", "2024-05-28T04:00:00Z"), FED_AT);
        // no publishedAt, record time 05-28T20:00: [05-28, 05-29): safety: a1, a2, a7 0.2 mixed
        pipe(article("a7", null, Map.of("safety", new FactionScore(0.2, "mixed", 1))),
                Instant.parse("2024-05-28T20:00:00Z"));
        // writes the three changed safety windows in window order: [05-28), [05-29), [05-30)
        publish();
        // opens [06-05, 06-06): safety: a8 0.3; stream time 06-05T12:00 passes 05-29 + 7d: [05-28, 05-29) is final,
        // written after the open [06-05) record (changes are written before any final record)
        pipe(article("a8", "2024-06-05T12:00:00Z", Map.of("safety", new FactionScore(0.3, "pos", 1))), FED_AT);
        // beyond grace for [05-28, 05-29), closed at 06-05T00:00: to news.articles.late at once, no window effect
        pipe(article("a9", "2024-05-28T05:00:00Z", Map.of("safety", new FactionScore(-1.0, "neg", 1))), FED_AT);
        // late but within grace (closes 06-06T00:00): [05-29, 05-30): safety: a4, a10 -1.0
        pipe(article("a10", "2024-05-29T23:00:00Z", Map.of("safety", new FactionScore(-1.0, "neg", 1))), FED_AT);
        publish();
        // nothing changed since: nothing written
        publish();

        Counted a1s = counted("a1", "2024-05-28T02:00:00Z", -0.4, "neg", 1);
        Counted a2s = counted("a2", "2024-05-28T09:30:00+08:00", -0.8, "neg", 3);
        Counted a7s = counted("a7", null, 0.2, "mixed", 1);
        Counted a4s = counted("a4", "2024-05-29T12:00:00Z", 0.0, "neu", 2);
        Counted a1a = counted("a1", "2024-05-28T02:00:00Z", 0.6, "pos", 2);
        assertEquals(List.of(
                        faction("acceleration", "2024-05-28", DAY, false, a1a),
                        faction("safety", "2024-05-28", DAY, false, a1s, a2s),
                        faction("safety", "2024-05-28", DAY, false, a1s, a2s, a7s),
                        faction("safety", "2024-05-29", DAY, false, a4s),
                        faction("safety", "2024-05-30", DAY, false, counted("a3", "2024-05-30T08:00:00Z", 0.5, "pos", 1)),
                        faction("safety", "2024-06-05", DAY, false, counted("a8", "2024-06-05T12:00:00Z", 0.3, "pos", 1)),
                        faction("acceleration", "2024-05-28", DAY, true, a1a),
                        faction("safety", "2024-05-28", DAY, true, a1s, a2s, a7s),
                        faction("safety", "2024-05-29", DAY, false, a4s,
                                counted("a10", "2024-05-29T23:00:00Z", -1.0, "neg", 1))),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
        assertEquals(List.of(KeyValue.pair("a9", new ArticleMissedWindow(1, "a9", "标题", "示例日报",
                        "2024-05-28T05:00:00Z", null, "AFTER_GRACE", "its P1D window closed at 2024-06-05T00:00:00Z"
                        + " (window end + grace) and stream time is 2024-06-05T12:00:00Z", "2024-05-28T05:00:00Z",
                        "2024-06-05T12:00:00Z", "P1D", "2024-05-28T00:00:00Z", "2024-05-29T00:00:00Z",
                        "2024-06-05T00:00:00Z"))),
                late.readKeyValuesToList());
        assertTrue(late.isEmpty());
        assertTrue(alerts.isEmpty());
    }

    @Test
    void shouldWriteAQuietWindowAtTheNextTickAndABusyOneOnceAPublishInterval() {
        start(DAILY);
        Duration tick = AggregateSettings.PUBLISH_TICK;
        // [05-28, 05-29): safety: p1 0.2, p2 0.4, p3 -0.3, none written yet
        pipe(article("p1", "2024-05-28T01:00:00Z", Map.of("safety", new FactionScore(0.2, "pos", 1))), FED_AT);
        pipe(article("p2", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(0.4, "pos", 1))), FED_AT);
        pipe(article("p3", "2024-05-28T03:00:00Z", Map.of("safety", new FactionScore(-0.3, "neg", 1))), FED_AT);
        driver.advanceWallClockTime(tick.minusMillis(1));
        assertTrue(factions.isEmpty());
        // the first tick: the window was not written within the publish interval, so one record with all three
        driver.advanceWallClockTime(Duration.ofMillis(1));
        Counted p1 = counted("p1", "2024-05-28T01:00:00Z", 0.2, "pos", 1);
        Counted p2 = counted("p2", "2024-05-28T02:00:00Z", 0.4, "pos", 1);
        Counted p3 = counted("p3", "2024-05-28T03:00:00Z", -0.3, "neg", 1);
        assertEquals(List.of(faction("safety", "2024-05-28", DAY, false, p1, p2, p3)), factions.readKeyValuesToList());

        // [05-28): p4 -0.1 and, a tick later, p5 0.6: the window was written a tick ago, so it waits
        pipe(article("p4", "2024-05-28T04:00:00Z", Map.of("safety", new FactionScore(-0.1, "neu", 1))), FED_AT);
        driver.advanceWallClockTime(tick);
        pipe(article("p5", "2024-05-28T05:00:00Z", Map.of("safety", new FactionScore(0.6, "pos", 1))), FED_AT);
        driver.advanceWallClockTime(AggregateSettings.DEFAULT_PUBLISH_INTERVAL.minus(tick).minus(tick));
        assertTrue(factions.isEmpty());
        // a publish interval after its last record: one record with both
        driver.advanceWallClockTime(tick);
        assertEquals(List.of(faction("safety", "2024-05-28", DAY, false, p1, p2, p3,
                        counted("p4", "2024-05-28T04:00:00Z", -0.1, "neu", 1),
                        counted("p5", "2024-05-28T05:00:00Z", 0.6, "pos", 1))),
                factions.readKeyValuesToList());
        publish();
        assertTrue(factions.isEmpty());
    }

    @Test
    void shouldPublishHourlyAndDailyWindowsEachWithItsOwnLateness() {
        start(AggregateSettings.defaults());
        // opens [09:00, 10:00) and [05-28, 05-29): acceleration: h1 0.4
        pipe(article("h1", "2024-05-28T09:15:00Z", Map.of("acceleration", new FactionScore(0.4, "pos", 1))), FED_AT);
        // opens [10:00, 11:00); [05-28, 05-29): acceleration: h1, h2 -0.2
        pipe(article("h2", "2024-05-28T10:45:00Z", Map.of("acceleration", new FactionScore(-0.2, "neg", 1))), FED_AT);
        // writes the hours (the smaller size first), then the day once
        publish();
        // opens [06-04T10:00, 11:00) and [06-04, 06-05); stream time 06-04T10:30 closes the hour [05-28T09:00, 10:00)
        pipe(article("h3", "2024-06-04T10:30:00Z", Map.of("acceleration", new FactionScore(0.0, "neu", 1))), FED_AT);
        // beyond grace for its hour [09:00, 10:00), within the day's grace: [05-28): h1, h2, h4 0.8; counted, so
        // not late
        pipe(article("h4", "2024-05-28T09:50:00Z", Map.of("acceleration", new FactionScore(0.8, "pos", 1))), FED_AT);
        publish();

        Counted h1 = counted("h1", "2024-05-28T09:15:00Z", 0.4, "pos", 1);
        Counted h2 = counted("h2", "2024-05-28T10:45:00Z", -0.2, "neg", 1);
        Counted h3 = counted("h3", "2024-06-04T10:30:00Z", 0.0, "neu", 1);
        assertEquals(List.of(
                        faction("acceleration", "2024-05-28T09:00:00Z", HOUR, false, h1),
                        faction("acceleration", "2024-05-28T10:00:00Z", HOUR, false, h2),
                        faction("acceleration", "2024-05-28", DAY, false, h1, h2),
                        faction("acceleration", "2024-06-04T10:00:00Z", HOUR, false, h3),
                        faction("acceleration", "2024-06-04", DAY, false, h3),
                        faction("acceleration", "2024-05-28T09:00:00Z", HOUR, true, h1),
                        faction("acceleration", "2024-05-28", DAY, false, h1, h2,
                                counted("h4", "2024-05-28T09:50:00Z", 0.8, "pos", 1))),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldReportAnArticleLateOnlyWhenNoWindowSizeCountsIt() {
        start(AggregateSettings.defaults().withDayGrace(Duration.ofDays(30)));
        // opens [05-01T09:00, 10:00) and [05-01): acceleration: a1 0.4
        pipe(article("a1", "2024-05-01T09:15:00Z", Map.of("acceleration", new FactionScore(0.4, "pos", 1))), FED_AT);
        // stream time 06-05T12:00 closes both windows of a1 (hour at 05-08T10:00, day at 06-01T00:00)
        pipe(article("a2", "2024-06-05T12:00:00Z", Map.of("acceleration", new FactionScore(0.0, "neu", 1))), FED_AT);
        // beyond the grace of its hour and of its day: late, once, naming the day window
        pipe(article("a3", "2024-05-01T09:30:00Z", Map.of("acceleration", new FactionScore(0.8, "pos", 1))), FED_AT);

        assertEquals(List.of(KeyValue.pair("a3", new ArticleMissedWindow(1, "a3", "标题", "示例日报",
                        "2024-05-01T09:30:00Z", null, "AFTER_GRACE", "its P1D window closed at 2024-06-01T00:00:00Z"
                        + " (window end + grace) and stream time is 2024-06-05T12:00:00Z", "2024-05-01T09:30:00Z",
                        "2024-06-05T12:00:00Z", "P1D", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z",
                        "2024-06-01T00:00:00Z"))),
                late.readKeyValuesToList());
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldCountEveryDatedArticleOfABackfillInFileOrderAmongUndatedOnes() {
        start(AggregateSettings.defaults());
        // an archive fed today, 2026-12-04: dated articles from 2023-2024 out of order, undated ones between them
        Instant fedToday = Instant.parse("2026-12-04T09:20:00Z");
        String[][] archive = {
                {"k01", "2024-03-11T08:00:00Z", "0.3"},
                {"k02", null, "-0.1"},
                {"k03", "2023-09-02T00:00:00Z", "-0.6"},
                {"k04", "2024-10-20T06:30:00Z", "0.5"},
                {"k05", null, "0.2"},
                {"k06", "2023-04-17T00:00:00Z", "-0.2"},
                {"k07", "2024-01-05T12:00:00Z", "0.7"},
                {"k08", null, "-0.4"},
                {"k09", "2023-12-30T23:59:00Z", "0.1"},
                {"k10", "2024-06-02T00:00:00Z", "-0.8"},
                {"k11", "2023-06-15T04:00:00Z", "0.6"},
        };
        List<Counted> undated = new ArrayList<>();
        Map<String, KeyValue<String, FactionSentimentWindow>> expected = new TreeMap<>();
        for (String[] row : archive) {
            double score = Double.parseDouble(row[2]);
            String label = score >= 0 ? "pos" : "neg";
            // dated: opens the day of its publishedAt, safety: this article alone; undated: counts in the day it
            // arrived, [2026-12-04), and moves no stream time
            pipe(article(row[0], row[1], Map.of("safety", new FactionScore(score, label, 1))), fedToday);
            Counted counted = counted(row[0], row[1], score, label, 1);
            if (row[1] == null) {
                undated.add(counted);
            } else {
                KeyValue<String, FactionSentimentWindow> day = faction("safety", row[1].substring(0, 10), DAY, false,
                        counted);
                expected.put(day.key, day);
            }
        }
        KeyValue<String, FactionSentimentWindow> arrivalDay = faction("safety", "2026-12-04", DAY, false,
                undated.toArray(Counted[]::new));
        expected.put(arrivalDay.key, arrivalDay);
        publish();

        Map<String, FactionSentimentWindow> lastDayRecords = new TreeMap<>();
        factions.readKeyValuesToList().stream()
                .filter(record -> record.value.windowSize().equals("P1D"))
                .forEach(record -> lastDayRecords.put(record.key, record.value));
        Map<String, FactionSentimentWindow> expectedDayRecords = new TreeMap<>();
        expected.values().forEach(record -> expectedDayRecords.put(record.key, record.value));
        assertEquals(expectedDayRecords, lastDayRecords);
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldRefuseAFutureDatedArticleWithoutMovingStreamTime() {
        start(DAILY);
        // opens [05-27, 05-28): acceleration: n1 0.1; stream time 05-27T12:00
        pipe(article("n1", "2024-05-27T12:00:00Z", Map.of("acceleration", new FactionScore(0.1, "neu", 1))), FED_AT);
        // publishedAt years after the record time: FUTURE_DATED to news.articles.late, stream time stays 05-27T12:00
        pipe(article("f1", "2031-01-01T00:00:00Z", Map.of("acceleration", new FactionScore(-0.2, "neg", 1))),
                Instant.parse("2024-05-28T12:00:00Z"));
        // publishedAt 18 hours after the record time, within the 1-day tolerance: counted at the record time,
        // opens [05-28, 05-29); stream time 05-28T12:00
        pipe(article("f2", "2024-05-29T06:00:00Z", Map.of("acceleration", new FactionScore(0.3, "pos", 1))),
                Instant.parse("2024-05-28T12:00:00Z"));
        // had stream time jumped to 2031 this would be late; it opens [05-22, 05-23): acceleration: n2 -0.5
        pipe(article("n2", "2024-05-22T12:00:00Z", Map.of("acceleration", new FactionScore(-0.5, "neg", 1))), FED_AT);
        // writes the three windows in window order
        publish();

        assertEquals(List.of(
                        faction("acceleration", "2024-05-22", DAY, false,
                                counted("n2", "2024-05-22T12:00:00Z", -0.5, "neg", 1)),
                        faction("acceleration", "2024-05-27", DAY, false,
                                counted("n1", "2024-05-27T12:00:00Z", 0.1, "neu", 1)),
                        faction("acceleration", "2024-05-28", DAY, false,
                                counted("f2", "2024-05-29T06:00:00Z", 0.3, "pos", 1))),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
        assertEquals(List.of(KeyValue.pair("f1", new ArticleMissedWindow(1, "f1", "标题", "示例日报",
                        "2031-01-01T00:00:00Z", null, "FUTURE_DATED", "publishedAt 2031-01-01T00:00:00Z is more than"
                        + " P1D after the record timestamp 2024-05-28T12:00:00Z: a wrong date, so no window can count"
                        + " it", "2024-05-28T12:00:00Z", "2024-05-27T12:00:00Z", null, null, null, null))),
                late.readKeyValuesToList());
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldCountASyndicatedCopyOnceAsReachOfItsOriginal() {
        start(DAILY);
        // opens [05-28, 05-29): safety: o1 -0.5
        pipe(article("o1", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(-0.5, "neg", 1))), FED_AT);
        publish();
        // a copy of o1 (its own scores ignored): [05-28): still 1 article, copies 1, reach 2; o1's evidence: 1 copy
        pipe(copy("c1", "o1", "2024-05-28T04:00:00Z"), FED_AT);
        // a copy of o2 before o2 itself: no effect yet
        pipe(copy("c2", "o2", "2024-05-29T03:00:00Z"), FED_AT);
        // o2 brings the copy seen before it: opens [05-29, 05-30): safety: o2 0.5 with 1 copy, reach 2
        pipe(article("o2", "2024-05-29T00:30:00Z", Map.of("safety", new FactionScore(0.5, "pos", 1))), FED_AT);
        publish();
        // opens [06-06, 06-07); stream time 06-06T12:00 closes [05-28) and [05-29): both final, copies kept
        pipe(article("o3", "2024-06-06T12:00:00Z", Map.of("safety", new FactionScore(0.1, "neu", 1))), FED_AT);
        // a copy of o1 whose window is closed: to news.articles.late, no window effect
        pipe(copy("c3", "o1", "2024-06-06T13:00:00Z"), FED_AT);

        Counted o1 = counted("o1", "2024-05-28T02:00:00Z", -0.5, "neg", 1);
        Counted o1WithCopy = o1.withCopies(1);
        Counted o2 = counted("o2", "2024-05-29T00:30:00Z", 0.5, "pos", 1).withCopies(1);
        assertEquals(List.of(
                        faction("safety", "2024-05-28", DAY, false, o1),
                        faction("safety", "2024-05-28", DAY, false, o1WithCopy),
                        faction("safety", "2024-05-29", DAY, false, o2),
                        faction("safety", "2024-06-06", DAY, false, counted("o3", "2024-06-06T12:00:00Z", 0.1, "neu", 1)),
                        faction("safety", "2024-05-28", DAY, true, o1WithCopy),
                        faction("safety", "2024-05-29", DAY, true, o2)),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
        assertEquals(List.of(KeyValue.pair("c3", new ArticleMissedWindow(1, "c3", "转载", "转载晚报",
                        "2024-06-06T13:00:00Z", "o1", "AFTER_GRACE", "a copy of o1, whose P1D window closed at"
                        + " 2024-06-05T00:00:00Z (window end + grace); stream time is 2024-06-06T13:00:00Z",
                        "2024-05-28T02:00:00Z", "2024-06-06T13:00:00Z", "P1D", "2024-05-28T00:00:00Z",
                        "2024-05-29T00:00:00Z", "2024-06-05T00:00:00Z"))),
                late.readKeyValuesToList());
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldFlagLowSamplesAndNarrowTheIntervalAsArticlesAccumulate() {
        start(DAILY);
        List<Counted> window = new ArrayList<>();
        List<KeyValue<String, FactionSentimentWindow>> expected = new ArrayList<>();
        double[] scores = {0.2, 0.4, 0.6, 0.8, 1.0, 0.1};
        for (int i = 0; i < scores.length; i++) {
            // [05-28, 05-29): safety: one more article; low sample while fewer than 5; evidence keeps the top 5
            String id = "s" + i;
            String publishedAt = "2024-05-28T0" + i + ":00:00Z";
            pipe(article(id, publishedAt, Map.of("safety", new FactionScore(scores[i], "pos", 1))), FED_AT);
            publish();
            window.add(counted(id, publishedAt, scores[i], "pos", 1));
            expected.add(faction("safety", "2024-05-28", DAY, false, window.toArray(Counted[]::new)));
        }

        List<KeyValue<String, FactionSentimentWindow>> actual = factions.readKeyValuesToList();
        assertEquals(expected, actual);
        assertTrue(factions.isEmpty());
        assertEquals(List.of(true, true, true, true, false, false),
                actual.stream().map(record -> record.value.lowSample()).toList());
        // one article: the whole range; five (0.2 .. 1.0): 0.6 ± 2.7764 * 0.31623 / √5 = [0.2073, 0.9927]
        assertEquals(-1.0, actual.get(0).value.ciLow());
        assertEquals(1.0, actual.get(0).value.ciHigh());
        assertEquals(0.2073, actual.get(4).value.ciLow(), 1e-4);
        assertEquals(0.9927, actual.get(4).value.ciHigh(), 1e-4);
        assertEquals(List.of("s4", "s3", "s2", "s1", "s0"),
                actual.get(5).value.evidence().stream().map(EvidenceArticle::id).toList());
    }

    @Test
    void shouldCarryTheSentenceThatDroveEachScoreAsEvidence() {
        start(DAILY);
        String text = "标题\n奥特曼回归。布罗克曼批评董事会。";
        StanceScored article = new StanceScored(1, "ev1", "标题", "2024-05-28T02:00:00Z", "示例日报", null, null, 0.9,
                true, text,
                List.of(new ScoredSentence(0, 3, 9, "奥特曼回归。", 0.3,
                                Map.of("sam-altman", new TargetSentiment(0.3, "pos"))),
                        new ScoredSentence(1, 9, 19, "布罗克曼批评董事会。", -0.7,
                                Map.of("greg-brockman", new TargetSentiment(-0.8, "neg")))),
                List.of(new EntityMentions("sam-altman", "person", List.of("acceleration"), List.of()),
                        new EntityMentions("greg-brockman", "person", List.of("acceleration"), List.of())),
                List.of(), Map.of("sam-altman", new EntityScore(0.3, "pos", 1),
                        "greg-brockman", new EntityScore(-0.8, "neg", 1)),
                Map.of("acceleration", new FactionScore(-0.25, "neg", 2)), Map.of());
        // opens [05-28, 05-29): acceleration: ev1 -0.25, driven by the sentence on greg-brockman;
        // greg-brockman: ev1 -0.8; sam-altman: ev1 0.3, each with its own sentence
        pipe(article, FED_AT);
        publish();

        EvidenceSentence onBrockman = new EvidenceSentence(1, 9, 19, "布罗克曼批评董事会。", "greg-brockman", -0.8);
        EvidenceSentence onAltman = new EvidenceSentence(0, 3, 9, "奥特曼回归。", "sam-altman", 0.3);
        assertEquals(List.of(faction("acceleration", "2024-05-28", DAY, false,
                        counted("ev1", "2024-05-28T02:00:00Z", -0.25, "neg", 2).withSentence(onBrockman))),
                factions.readKeyValuesToList());
        assertEquals(List.of(
                        entity("greg-brockman", "2024-05-28", false,
                                counted("ev1", "2024-05-28T02:00:00Z", -0.8, "neg", 1).withSentence(onBrockman)),
                        entity("sam-altman", "2024-05-28", false,
                                counted("ev1", "2024-05-28T02:00:00Z", 0.3, "pos", 1).withSentence(onAltman))),
                entities.readKeyValuesToList());
        assertTrue(factions.isEmpty());
        assertTrue(entities.isEmpty());
    }

    @Test
    void shouldCountEntitySentimentPerEntityAndSkipAbsentOnes() {
        start(DAILY);
        // opens [05-17, 05-18): ilya-sutskever: e1 0.4; sam-altman: e1 -0.5 (2 mentions); jan-leike unmentioned
        pipe(article("e1", "2024-05-17T10:00:00+08:00", Map.of(), Map.of(
                "sam-altman", new EntityScore(-0.5, "neg", 2),
                "ilya-sutskever", new EntityScore(0.4, "pos", 1),
                "jan-leike", new EntityScore(0.0, "neu", 0))), FED_AT);
        publish();
        // [05-17, 05-18): sam-altman: e1, e2 0.7 (3 mentions)
        pipe(article("e2", "2024-05-17T23:59:59Z", Map.of(), Map.of(
                "sam-altman", new EntityScore(0.7, "pos", 3))), FED_AT);
        publish();

        assertEquals(List.of(
                        entity("ilya-sutskever", "2024-05-17", false,
                                counted("e1", "2024-05-17T10:00:00+08:00", 0.4, "pos", 1)),
                        entity("sam-altman", "2024-05-17", false,
                                counted("e1", "2024-05-17T10:00:00+08:00", -0.5, "neg", 2)),
                        entity("sam-altman", "2024-05-17", false,
                                counted("e1", "2024-05-17T10:00:00+08:00", -0.5, "neg", 2),
                                counted("e2", "2024-05-17T23:59:59Z", 0.7, "pos", 3))),
                entities.readKeyValuesToList());
        assertTrue(entities.isEmpty());
        assertTrue(factions.isEmpty());
    }

    @Test
    void shouldReportStoryCoverageWithSourcesTopEntitiesAndShareOfVoice() {
        start(DAILY);
        // opens [05-28, 05-29): 1 article (示例日报); safety 3 mentions of 4; entities jan-leike, sam-altman
        pipe(article("v1", "2024-05-28T02:00:00Z", "示例日报", Map.of(
                        "safety", new FactionScore(-0.2, "neg", 3),
                        "acceleration", new FactionScore(0.1, "neu", 1)),
                Map.of("jan-leike", new EntityScore(-0.2, "neg", 3), "sam-altman", new EntityScore(0.1, "neu", 1))),
                FED_AT);
        publish();
        // a copy from another source: copies 1, reach 2, sources 2
        pipe(copy("v2", "v1", "2024-05-28T05:00:00Z"), FED_AT);
        publish();
        // 2 articles, 3 sources; acceleration 1 + 4 mentions of 8; sam-altman now in 2 articles, first
        pipe(article("v3", "2024-05-28T06:00:00Z", "财经周刊", Map.of(
                        "acceleration", new FactionScore(0.5, "pos", 4)),
                Map.of("sam-altman", new EntityScore(0.5, "pos", 4))), FED_AT);
        publish();

        assertEquals(List.of(
                        coverage("2024-05-28", 1, 0, List.of("示例日报"),
                                List.of(new StoryCoverage.EntityCoverage("jan-leike", 1, 3),
                                        new StoryCoverage.EntityCoverage("sam-altman", 1, 1)),
                                Map.of("acceleration", new StoryCoverage.FactionVoice(1, 1, 0.25),
                                        "safety", new StoryCoverage.FactionVoice(1, 3, 0.75))),
                        coverage("2024-05-28", 1, 1, List.of("示例日报", "转载晚报"),
                                List.of(new StoryCoverage.EntityCoverage("jan-leike", 1, 3),
                                        new StoryCoverage.EntityCoverage("sam-altman", 1, 1)),
                                Map.of("acceleration", new StoryCoverage.FactionVoice(1, 1, 0.25),
                                        "safety", new StoryCoverage.FactionVoice(1, 3, 0.75))),
                        coverage("2024-05-28", 2, 1, List.of("示例日报", "财经周刊", "转载晚报"),
                                List.of(new StoryCoverage.EntityCoverage("sam-altman", 2, 5),
                                        new StoryCoverage.EntityCoverage("jan-leike", 1, 3)),
                                Map.of("acceleration", new StoryCoverage.FactionVoice(2, 5, 0.625),
                                        "safety", new StoryCoverage.FactionVoice(1, 3, 0.375)))),
                coverage.readKeyValuesToList());
        assertTrue(coverage.isEmpty());
    }

    @Test
    void shouldRaiseExactlyOneAlertWhenAFactionsDailyMeanShifts() {
        raiseOneAlertAWeekAfterTheShift(DAILY.withAlerts(new ShiftAlertSettings(DAY, 3, 3, 6, 3.0, 0.2)));
    }

    @Test
    void shouldDecideTheAlertAfterTheShortGraceWhileTheDayWindowStaysOpen() {
        raiseOneAlertAWeekAfterTheShift(DAILY.withDayGrace(Duration.ofDays(3 * 365))
                .withAlerts(new ShiftAlertSettings(DAY, 3, 3, 6, 3.0, 0.2)));
        // the windows stay open: no final record
        assertTrue(factions.readValuesToList().stream().noneMatch(FactionSentimentWindow::isFinal));
        // a later article and a late one for the shifted day decide nothing again
        pipe(article("later2", "2024-05-13T12:00:00Z", Map.of("safety", new FactionScore(0.0, "neu", 1))), FED_AT);
        pipe(article("d9", "2024-05-04T09:00:00Z", Map.of("safety", new FactionScore(0.9, "pos", 1))), FED_AT);
        assertTrue(alerts.isEmpty());
        assertTrue(late.isEmpty());
    }

    private void raiseOneAlertAWeekAfterTheShift(AggregateSettings withAlerts) {
        start(withAlerts);
        // [05-01), [05-02), [05-03): safety: 3 articles a day at 0.25, the baseline
        for (int day = 1; day <= 3; day++) {
            for (int hour = 0; hour < 3; hour++) {
                pipe(article("b" + day + hour, "2024-05-0" + day + "T0" + hour + ":00:00Z",
                        Map.of("safety", new FactionScore(0.25, "pos", 1))), FED_AT);
            }
        }
        // [05-04, 05-05): safety: 3 articles at -0.5, a shift of -0.75
        for (int hour = 0; hour < 3; hour++) {
            pipe(article("d" + hour, "2024-05-04T0" + hour + ":00:00Z",
                    Map.of("safety", new FactionScore(-0.5, "neg", 1))), FED_AT);
        }
        // stream time 05-12T12:00 closes [05-01) .. [05-04) in order: [05-02) has too small a baseline, [05-03) does
        // not move, [05-04) against 9 baseline articles at 0.25: one alert
        pipe(article("later", "2024-05-12T12:00:00Z", Map.of("safety", new FactionScore(0.0, "neu", 1))), FED_AT);

        double standardError = Math.sqrt(ShiftDetector.MIN_VARIANCE / 3 + ShiftDetector.MIN_VARIANCE / 9);
        List<EvidenceArticle> evidence = List.of(
                counted("d0", "2024-05-04T00:00:00Z", -0.5, "neg", 1).evidence(),
                counted("d1", "2024-05-04T01:00:00Z", -0.5, "neg", 1).evidence(),
                counted("d2", "2024-05-04T02:00:00Z", -0.5, "neg", 1).evidence());
        assertEquals(List.of(KeyValue.pair("safety@2024-05-04T00:00:00Z/P1D", new FactionShiftDetected(1, "safety",
                        "2024-05-04T00:00:00Z", "2024-05-05T00:00:00Z", "P1D", 3, -0.5, "2024-05-01T00:00:00Z", 3, 9,
                        0.25, -0.75, -0.75 / standardError, 3.0, "down", evidence))),
                alerts.readKeyValuesToList());
        assertTrue(alerts.isEmpty());
    }

    @Test
    void shouldReplaceAnArticlesContributionWhenAnotherVersionOfItArrives() {
        start(DAILY);
        // opens [05-28, 05-29): safety: r1 -0.5
        pipe(article("r1", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(-0.5, "neg", 1))), FED_AT);
        // safety: r1 -0.5, r2 0.25
        pipe(article("r2", "2024-05-28T03:00:00Z", Map.of("safety", new FactionScore(0.25, "pos", 2))), FED_AT);
        publish();
        // r1 corrected (or a replayed score stage with another model): r1's -0.5 gives way to 0.75, counted once
        pipe(corrected(article("r1", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(0.75, "pos", 1)))),
                FED_AT);
        publish();
        // r1 again as the windows count it already: nothing to write
        pipe(corrected(article("r1", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(0.75, "pos", 1)))),
                FED_AT);
        publish();

        assertEquals(List.of(
                        faction("safety", "2024-05-28", DAY, false, counted("r1", "2024-05-28T02:00:00Z", -0.5, "neg", 1),
                                counted("r2", "2024-05-28T03:00:00Z", 0.25, "pos", 2)),
                        faction("safety", "2024-05-28", DAY, false, counted("r2", "2024-05-28T03:00:00Z", 0.25, "pos", 2),
                                counted("r1", "2024-05-28T02:00:00Z", 0.75, "pos", 1))),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldTakeBackAnArticleCorrectedToIrrelevantAndCountItWhenCorrectedBack() {
        start(DAILY);
        // opens [05-28, 05-29): safety: w1 -0.5, w2 0.25; coverage 2 articles
        pipe(article("w1", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(-0.5, "neg", 1))), FED_AT);
        pipe(article("w2", "2024-05-28T03:00:00Z", Map.of("safety", new FactionScore(0.25, "pos", 1))), FED_AT);
        publish();
        factions.readKeyValuesToList();
        coverage.readKeyValuesToList();
        // w1 corrected to irrelevant: safety w2 alone, coverage 1 article
        pipe(corrected(irrelevant("w1", "2024-05-28T02:00:00Z")), FED_AT);
        publish();
        assertEquals(List.of(faction("safety", "2024-05-28", DAY, false,
                        counted("w2", "2024-05-28T03:00:00Z", 0.25, "pos", 1))), factions.readKeyValuesToList());
        assertEquals(List.of(coverage("2024-05-28", 1, 0, List.of("示例日报"), List.of(),
                        Map.of("safety", new StoryCoverage.FactionVoice(1, 1, 1.0)))),
                coverage.readKeyValuesToList());
        // an article never counted, corrected to irrelevant: nothing to take back
        pipe(corrected(irrelevant("w3", "2024-05-28T04:00:00Z")), FED_AT);
        publish();
        assertTrue(factions.isEmpty());
        assertTrue(coverage.isEmpty());
        // w1 corrected back to relevant: counted again, once
        pipe(corrected(article("w1", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(-0.5, "neg", 1)))),
                FED_AT);
        publish();
        assertEquals(List.of(faction("safety", "2024-05-28", DAY, false,
                        counted("w2", "2024-05-28T03:00:00Z", 0.25, "pos", 1),
                        counted("w1", "2024-05-28T02:00:00Z", -0.5, "neg", 1))), factions.readKeyValuesToList());
        assertEquals(List.of(coverage("2024-05-28", 2, 0, List.of("示例日报"), List.of(),
                        Map.of("safety", new StoryCoverage.FactionVoice(2, 2, 1.0)))),
                coverage.readKeyValuesToList());
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldKeepTheWindowsOfTwoStoriesApartEvenWhereTheirFactionsShareAnId() {
        start("test", DAILY);
        // a1 belongs to both stories. The main story's record, keyed by its id: [05-28) safety of test: a1 0.6
        pipe(article("a1", "2024-05-28T02:00:00Z", Map.of("safety", new FactionScore(0.6, "pos", 2))), FED_AT);
        // the other story's record, keyed other/a1: [05-28) safety of other: a1 -0.5
        scored.pipeInput("other/a1", inStory("other", article("a1", "2024-05-28T02:00:00Z",
                Map.of("safety", new FactionScore(-0.5, "neg", 1)))), FED_AT);
        // a copy of a1 scored for the other story: reach of other's [05-28) safety, not of test's
        scored.pipeInput("other/c1", inStory("other", copy("c1", "a1", "2024-05-28T05:00:00Z")), FED_AT);
        publish();

        // written in store-key order: other/safety before safety
        assertEquals(List.of(
                        ofStory("other", false, faction("safety", "2024-05-28", DAY, false,
                                counted("a1", "2024-05-28T02:00:00Z", -0.5, "neg", 1).withCopies(1))),
                        ofStory("test", true, faction("safety", "2024-05-28", DAY, false,
                                counted("a1", "2024-05-28T02:00:00Z", 0.6, "pos", 2)))),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
        Map<String, StoryCoverage> covered = new TreeMap<>(coverage.readKeyValuesToMap());
        assertEquals(List.of("other/story@2024-05-28T00:00:00Z/P1D", "story@2024-05-28T00:00:00Z/P1D"),
                List.copyOf(covered.keySet()));
        StoryCoverage other = covered.get("other/story@2024-05-28T00:00:00Z/P1D");
        StoryCoverage main = covered.get("story@2024-05-28T00:00:00Z/P1D");
        assertEquals(List.of("other", 1L, 1L, Set.of("safety")),
                List.of(other.story(), other.articles(), other.copies(), other.factions().keySet()));
        assertEquals(List.of("test", 1L, 0L, Set.of("safety")),
                List.of(main.story(), main.articles(), main.copies(), main.factions().keySet()));
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldNameItsRepartitionTopicAndStores() {
        assertEquals(Set.of("aggregate-by-story-repartition", "aggregate-closed-window-scores",
                        "aggregate-open-windows", "aggregate-originals-and-copies", "aggregate-stream-time",
                        "aggregate-unpublished-counts"),
                internalNames(new AggregateStage().buildTopology()));
    }

    // ---- inputs ----------------------------------------------------------------------------------------------

    private void pipe(StanceScored article, Instant recordTime) {
        scored.pipeInput(article.id(), article, recordTime);
    }

    /**
     * The past publish interval of wall-clock time passes (the longer one, of windows stream time has passed): every
     * window changed since the last one is written.
     */
    private void publish() {
        driver.advanceWallClockTime(AggregateSettings.DEFAULT_PAST_PUBLISH_INTERVAL);
    }

    private static StanceScored article(String id, String publishedAt, Map<String, FactionScore> factionScores) {
        return article(id, publishedAt, Map.copyOf(factionScores), Map.of());
    }

    private static StanceScored article(String id, String publishedAt, Map<String, FactionScore> factionScores,
                                        Map<String, EntityScore> entityScores) {
        return article(id, publishedAt, "示例日报", factionScores, entityScores);
    }

    private static StanceScored article(String id, String publishedAt, String source,
                                        Map<String, FactionScore> factionScores,
                                        Map<String, EntityScore> entityScores) {
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, "标题", publishedAt, source, null, null, 0.9, true,
                "标题\n正文。", List.of(), List.of(), List.of(), entityScores, factionScores,
                Map.of("segmenter", "test", "story", "test", "sentiment", "test"));
    }

    private static StanceScored irrelevant(String id, String publishedAt) {
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, "标题", publishedAt, "示例日报", null, null, 0.1,
                false, "标题\n正文。", List.of(), List.of(), List.of(), Map.of(),
                Map.of("safety", new FactionScore(0.9, "pos", 1)), Map.of());
    }

    /** The record of {@code a} as the score stage writes it for a story other than the main one. */
    private static StanceScored inStory(String story, StanceScored a) {
        Map<String, String> versions = new TreeMap<>(a.versions());
        versions.put("story", story + "@1");
        return new StanceScored(a.schemaVersion(), a.id(), a.title(), a.publishedAt(), a.source(), a.url(),
                a.duplicateOf(), a.relevance(), a.relevant(), a.text(), a.sentences(), a.entities(), a.unlinked(),
                a.entityScores(), a.factions(), versions);
    }

    /** The article as the score stage re-emits it after an analyst's correction. */
    private static StanceScored corrected(StanceScored a) {
        CorrectionMade correction = new CorrectionMade(1, "c-" + a.id(), "analyst", "2026-01-02T09:00:00Z", a.id(),
                CorrectionMade.RELEVANCE, null, null, null, "relevant", a.relevant() ? "relevant" : "irrelevant",
                null);
        return new StanceScored(a.schemaVersion(), a.id(), a.title(), a.publishedAt(), a.source(), a.url(),
                a.duplicateOf(), a.relevance(), a.relevant(), a.text(), a.sentences(), a.entities(), a.unlinked(),
                a.entityScores(), a.factions(), a.versions(), List.of(correction));
    }

    /** A syndicated copy: its own (different) scores must not count. */
    private static StanceScored copy(String id, String originalId, String publishedAt) {
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, "转载", publishedAt, "转载晚报", null, originalId, 0.9,
                true, "转载\n正文。", List.of(), List.of(), List.of(), Map.of(),
                Map.of("safety", new FactionScore(0.9, "pos", 5)), Map.of());
    }

    // ---- expected records ------------------------------------------------------------------------------------

    /** One original counted in a window, as the test sees it. */
    private record Counted(String id, String publishedAt, double score, String label, int mentions, long copies,
                           EvidenceSentence sentence) {
        Counted withCopies(long n) {
            return new Counted(id, publishedAt, score, label, mentions, n, sentence);
        }

        Counted withSentence(EvidenceSentence s) {
            return new Counted(id, publishedAt, score, label, mentions, copies, s);
        }

        EvidenceArticle evidence() {
            return new EvidenceArticle(id, "标题", "示例日报", publishedAt, score, label, copies, sentence);
        }
    }

    private static Counted counted(String id, String publishedAt, double score, String label, int mentions) {
        return new Counted(id, publishedAt, score, label, mentions, 0, null);
    }

    /** The window record over these originals, in arrival order: sums in that order, evidence top 5 by |score|. */
    private KeyValue<String, FactionSentimentWindow> faction(String faction, String start, Duration size,
                                                                    boolean isFinal, Counted... counted) {
        Totals t = new Totals(counted);
        String windowStart = start.length() == 10 ? start + "T00:00:00Z" : start;
        Instant end = Instant.parse(windowStart).plus(size);
        String sizeName = size.equals(DAY) ? "P1D" : size.toString();
        return KeyValue.pair(faction + "@" + windowStart + "/" + sizeName, new FactionSentimentWindow(2, faction,
                windowStart, end.toString(), sizeName, t.articles, t.mentions, t.mean(), t.labels.get("pos"),
                t.labels.get("neg"), t.labels.get("neu"), t.labels.get("mixed"), t.interval.low(),
                t.interval.high(), t.articles < 5, t.copies, t.articles + t.copies, t.evidence, isFinal,
                end.plus(settings.graceOf(size)).toString()));
    }

    private KeyValue<String, EntitySentimentWindow> entity(String entity, String day, boolean isFinal,
                                                                  Counted... counted) {
        Totals t = new Totals(counted);
        String start = day + "T00:00:00Z";
        Instant end = Instant.parse(start).plus(DAY);
        return KeyValue.pair(entity + "@" + start + "/P1D", new EntitySentimentWindow(2, entity, start,
                end.toString(), "P1D", t.articles, t.mentions, t.mean(), t.labels.get("pos"), t.labels.get("neg"),
                t.labels.get("neu"), t.interval.low(), t.interval.high(), t.articles < 5, t.copies,
                t.articles + t.copies, t.evidence, isFinal, end.plus(settings.graceOf(DAY)).toString()));
    }

    private KeyValue<String, StoryCoverage> coverage(String day, long articles, long copies,
                                                           List<String> sources,
                                                           List<StoryCoverage.EntityCoverage> top,
                                                           Map<String, StoryCoverage.FactionVoice> voices) {
        String start = day + "T00:00:00Z";
        Instant end = Instant.parse(start).plus(DAY);
        return KeyValue.pair("story@" + start + "/P1D", new StoryCoverage(1, start, end.toString(), "P1D", articles,
                copies, articles + copies, sources.size(), sources, top, new TreeMap<>(voices), false,
                end.plus(settings.graceOf(DAY)).toString()));
    }

    /** A window record of {@code story}: keyed as one story keys it for the main story, else STORY/KEY. */
    private static KeyValue<String, FactionSentimentWindow> ofStory(String story, boolean main,
                                                                    KeyValue<String, FactionSentimentWindow> w) {
        FactionSentimentWindow v = w.value;
        return KeyValue.pair(main ? w.key : story + "/" + w.key, new FactionSentimentWindow(v.schemaVersion(),
                v.faction(), v.windowStart(), v.windowEnd(), v.windowSize(), v.articles(), v.mentions(),
                v.meanScore(), v.pos(), v.neg(), v.neu(), v.mixed(), v.ciLow(), v.ciHigh(), v.lowSample(), v.copies(),
                v.reach(), v.evidence(), v.isFinal(), v.closesAt(), story));
    }

    private static final class Totals {
        long articles;
        long mentions;
        long copies;
        long sumMicros;
        long squareMicros;
        final Map<String, Long> labels = new TreeMap<>(Map.of("pos", 0L, "neg", 0L, "neu", 0L, "mixed", 0L));
        final List<EvidenceArticle> evidence;
        final MeanInterval interval;

        Totals(Counted... counted) {
            List<EvidenceArticle> all = new ArrayList<>();
            for (Counted c : counted) {
                articles++;
                mentions += c.mentions();
                copies += c.copies();
                sumMicros += ExactScores.micros(c.score());
                squareMicros += ExactScores.squareMicros(c.score());
                labels.merge(c.label(), 1L, Long::sum);
                all.add(c.evidence());
            }
            all.sort(SentimentTally.STRONGEST_FIRST);
            evidence = List.copyOf(all.subList(0, Math.min(5, all.size())));
            interval = MeanInterval.of(articles, ExactScores.sum(sumMicros), ExactScores.sumOfSquares(squareMicros));
        }

        double mean() {
            return ExactScores.mean(sumMicros, articles);
        }
    }

    /** Internal topic and store names carry state across upgrades: renaming one silently starts from empty. */
    private static Set<String> internalNames(Topology topology) {
        Set<String> names = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    names.addAll(processor.stores());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                    names.add(sink.topic());
                }
            }
        }
        return names;
    }

    @Test
    void shouldCountAnArticleWhoseTimeCannotBeReadAtItsPartitionsTimeAndCountTheNext(@TempDir Path ownStateDir) {
        AggregateStage stage = new AggregateStage(DAILY);
        try (TopologyTestDriver own = new TopologyTestDriver(stage.buildTopology(),
                DeadLetters.config(stage, ownStateDir))) {
            TestInputTopic<String, StanceScored> in = own.createInputTopic(Topics.SCORED.name(),
                    Topics.SCORED.keySerde().serializer(), Topics.SCORED.valueSerde().serializer());
            TestOutputTopic<String, StoryCoverage> coverageOut = own.createOutputTopic(
                    Topics.STORY_COVERAGE.name(), Topics.STORY_COVERAGE.keySerde().deserializer(),
                    Topics.STORY_COVERAGE.valueSerde().deserializer());
            Map<String, FactionScore> safety = Map.of("safety", new FactionScore(-0.4, "neg", 1));

            in.pipeInput("a1", article("a1", "2024-06-28T10:00:00Z", safety), FED_AT); // opens [06-28, 06-29): 1
            // neither its publishedAt nor its record timestamp is a time: it counts at the partition's time, 06-28
            in.pipeInput("u1", article("u1", "the day before yesterday", safety), Instant.ofEpochMilli(-1));
            in.pipeInput("a2", article("a2", "2024-06-28T12:00:00Z", safety), FED_AT); // [06-28, 06-29): 3
            own.advanceWallClockTime(Duration.ofSeconds(1));

            List<StoryCoverage> windows = coverageOut.readValuesToList();
            assertEquals(3, windows.get(windows.size() - 1).articles());
            assertEquals("2024-06-28T00:00:00Z", windows.get(windows.size() - 1).windowStart());
            assertTrue(DeadLetters.failedTopic(own).isEmpty());
            assertTrue(own.createOutputTopic(Topics.LATE.name(), Topics.LATE.keySerde().deserializer(),
                    Topics.LATE.valueSerde().deserializer()).isEmpty());
        }
    }

    @Test
    void shouldSendUnreadableAndFailingArticlesToFailedTopicAndCountTheNextArticle(@TempDir Path ownStateDir) {
        AggregateStage stage = new AggregateStage(DAILY);
        try (TopologyTestDriver own = new TopologyTestDriver(stage.buildTopology(),
                DeadLetters.config(stage, ownStateDir))) {
            TestInputTopic<String, byte[]> in = own.createInputTopic(Topics.SCORED.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, StoryCoverage> coverageOut = own.createOutputTopic(
                    Topics.STORY_COVERAGE.name(), Topics.STORY_COVERAGE.keySerde().deserializer(),
                    Topics.STORY_COVERAGE.valueSerde().deserializer());
            TestOutputTopic<String, ArticleFailed> failed = DeadLetters.failedTopic(own);
            String notJson = "[1, 2";
            // an analysis without its article id
            String poison = "{\"schemaVersion\":1,\"relevance\":0.9,\"relevant\":true,"
                    + "\"text\":\"x\",\"factions\":{\"safety\":{\"score\":0.5,\"label\":\"pos\",\"mentions\":1}}}";

            in.pipeInput("p1", notJson.getBytes(StandardCharsets.UTF_8), FED_AT);  // unreadable: a dead letter
            in.pipeInput("p2", poison.getBytes(StandardCharsets.UTF_8), FED_AT);   // readable, but counting throws
            in.pipeInput("a1", Json.toBytes(article("a1", "2024-06-28T10:00:00Z",  // opens [06-28,06-29): 1 article
                    Map.of("safety", new FactionScore(-0.4, "neg", 1)))), FED_AT);
            own.advanceWallClockTime(Duration.ofSeconds(1));

            assertEquals(1, coverageOut.readValue().articles());
            assertTrue(coverageOut.isEmpty());
            ArticleFailed unreadable = failed.readValue();
            assertEquals(new DeadLetters.Letter("aggregate", ArticleFailed.DESERIALIZATION,
                    "com.fasterxml.jackson.databind.exc.MismatchedInputException", Topics.SCORED.name(), 0, "p1",
                    notJson),
                    DeadLetters.letter(unreadable));
            assertEquals(Map.of("grace", "PT168H", "dayGrace", "PT168H", "windowSizes", "[PT24H]"), unreadable.versions());
            assertEquals(new DeadLetters.Letter("aggregate", ArticleFailed.PROCESSING,
                    "java.lang.IllegalArgumentException", Topics.SCORED.name(), 1, "p2", poison),
                    DeadLetters.letter(failed.readValue()));
            assertTrue(failed.isEmpty());
        }
    }
}
