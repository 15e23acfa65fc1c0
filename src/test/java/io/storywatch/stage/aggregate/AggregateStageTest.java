package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.EntityScore;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionScore;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.topic.Topics;
import java.nio.file.Path;
import org.apache.kafka.streams.TopologyDescription;
import java.util.TreeSet;
import java.util.Set;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateStageTest {

    /** When the articles went through the pipeline: later than every publishedAt unless a test says otherwise. */
    private static final Instant FED_AT = Instant.parse("2024-06-30T00:00:00Z");

    private static final FactionScore ABSENT = new FactionScore(0.0, "absent", 0);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, StanceScored> scored;
    private TestOutputTopic<String, FactionSentimentWindow> factions;
    private TestOutputTopic<String, EntitySentimentWindow> entities;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                new AggregateStage(new AggregateSettings(Duration.ofDays(1), Duration.ofDays(7))).buildTopology(),
                props);
        scored = driver.createInputTopic(Topics.SCORED.name(), Topics.SCORED.keySerde().serializer(),
                Topics.SCORED.valueSerde().serializer());
        factions = driver.createOutputTopic(Topics.FACTION_SENTIMENT.name(),
                Topics.FACTION_SENTIMENT.keySerde().deserializer(),
                Topics.FACTION_SENTIMENT.valueSerde().deserializer());
        entities = driver.createOutputTopic(Topics.ENTITY_SENTIMENT.name(),
                Topics.ENTITY_SENTIMENT.keySerde().deserializer(),
                Topics.ENTITY_SENTIMENT.valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountFactionSentimentInDailyEventTimeWindows() {
        // opens [05-28, 05-29): acceleration: 1 article, 2 mentions, score 0.6; safety: 1 article, score -0.4
        pipe(article("a1", "2024-05-28T02:00:00Z", null, true, Map.of(
                "safety", new FactionScore(-0.4, "neg", 1),
                "acceleration", new FactionScore(0.6, "pos", 2))), FED_AT);
        // [05-28, 05-29) (01:30 UTC): safety: 2 articles, 4 mentions, mean of -0.4 and -0.8; acceleration absent
        pipe(article("a2", "2024-05-28T09:30:00+08:00", null, true, Map.of(
                "safety", new FactionScore(-0.8, "neg", 3),
                "acceleration", ABSENT)), FED_AT);
        // opens [05-30, 05-31): safety: 1 article, score 0.5; stream time is now 05-30T08:00
        pipe(article("a3", "2024-05-30T08:00:00Z", null, true, Map.of(
                "safety", new FactionScore(0.5, "pos", 1))), FED_AT);
        // out of order, within grace: opens [05-29, 05-30): safety: 1 article, score 0.0
        pipe(article("a4", "2024-05-29T12:00:00Z", null, true, Map.of(
                "safety", new FactionScore(0.0, "neu", 2))), FED_AT);
        // a copy of a1: no effect
        pipe(article("a5", "2024-05-28T03:00:00Z", "a1", true, Map.of(
                "safety", new FactionScore(-0.4, "neg", 1))), FED_AT);
        // not about the story: no effect
        pipe(article("a6", "2024-05-28T04:00:00Z", null, false, Map.of(
                "safety", new FactionScore(0.9, "pos", 1))), FED_AT);
        // no publishedAt, record time 05-28T20:00: [05-28, 05-29): safety: 3 articles, 5 mentions, 1 mixed
        pipe(article("a7", null, null, true, Map.of(
                "safety", new FactionScore(0.2, "mixed", 1))), Instant.parse("2024-05-28T20:00:00Z"));
        // opens [06-10, 06-11): safety: 1 article, score 0.3; stream time 06-10 closes [05-28, 05-29) at 06-05
        pipe(article("a8", "2024-06-10T00:00:00Z", null, true, Map.of(
                "safety", new FactionScore(0.3, "pos", 1))), FED_AT);
        // beyond grace for [05-28, 05-29): dropped, no effect
        pipe(article("a9", "2024-05-28T05:00:00Z", null, true, Map.of(
                "safety", new FactionScore(-1.0, "neg", 1))), FED_AT);

        assertEquals(List.of(
                        faction("acceleration", "2024-05-28", 1, 2, 0.6, 1, 0, 0, 0),
                        faction("safety", "2024-05-28", 1, 1, -0.4, 0, 1, 0, 0),
                        faction("safety", "2024-05-28", 2, 4, (-0.4 + -0.8) / 2, 0, 2, 0, 0),
                        faction("safety", "2024-05-30", 1, 1, 0.5, 1, 0, 0, 0),
                        faction("safety", "2024-05-29", 1, 2, 0.0, 0, 0, 1, 0),
                        faction("safety", "2024-05-28", 3, 5, (-0.4 + -0.8 + 0.2) / 3, 0, 2, 0, 1),
                        faction("safety", "2024-06-10", 1, 1, 0.3, 1, 0, 0, 0)),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
    }

    @Test
    void shouldCountEntitySentimentPerEntityAndSkipAbsentOnes() {
        // opens [05-17, 05-18): ilya-sutskever: 1 article, score 0.4; sam-altman: 1 article, 2 mentions, -0.5;
        // jan-leike has no mentions: no effect
        pipe(article("e1", "2024-05-17T10:00:00+08:00", null, true, Map.of(), Map.of(
                "sam-altman", new EntityScore(-0.5, "neg", 2),
                "ilya-sutskever", new EntityScore(0.4, "pos", 1),
                "jan-leike", new EntityScore(0.0, "neu", 0))), FED_AT);
        // [05-17, 05-18): sam-altman: 2 articles, 5 mentions, mean of -0.5 and 0.7
        pipe(article("e2", "2024-05-17T23:59:59Z", null, true, Map.of(), Map.of(
                "sam-altman", new EntityScore(0.7, "pos", 3))), FED_AT);
        // a copy of e2: no effect
        pipe(article("e3", "2024-05-17T23:00:00Z", "e2", true, Map.of(), Map.of(
                "sam-altman", new EntityScore(0.7, "pos", 3))), FED_AT);

        assertEquals(List.of(
                        entity("ilya-sutskever", "2024-05-17", 1, 1, 0.4, 1, 0, 0),
                        entity("sam-altman", "2024-05-17", 1, 2, -0.5, 0, 1, 0),
                        entity("sam-altman", "2024-05-17", 2, 5, (-0.5 + 0.7) / 2, 1, 1, 0)),
                entities.readKeyValuesToList());
        assertTrue(entities.isEmpty());
        assertTrue(factions.isEmpty());
    }

    @Test
    void shouldWindowAFutureDatedArticleAtItsRecordTime() {
        // publishedAt is after the record time, a wrong date: counted at 05-28T12:00, opens [05-28, 05-29)
        pipe(article("f1", "2031-01-01T00:00:00Z", null, true, Map.of(
                "acceleration", new FactionScore(-0.2, "neg", 1))), Instant.parse("2024-05-28T12:00:00Z"));
        // stream time did not jump to 2031: [05-27, 05-28) still accepts an article, opens it
        pipe(article("f2", "2024-05-27T12:00:00Z", null, true, Map.of(
                "acceleration", new FactionScore(0.1, "neu", 1))), FED_AT);

        assertEquals(List.of(
                        faction("acceleration", "2024-05-28", 1, 1, -0.2, 0, 1, 0, 0),
                        faction("acceleration", "2024-05-27", 1, 1, 0.1, 0, 0, 1, 0)),
                factions.readKeyValuesToList());
        assertTrue(factions.isEmpty());
    }

    private void pipe(StanceScored article, Instant recordTime) {
        scored.pipeInput(article.id(), article, recordTime);
    }

    private static StanceScored article(String id, String publishedAt, String duplicateOf, boolean relevant,
                                        Map<String, FactionScore> factionScores) {
        return article(id, publishedAt, duplicateOf, relevant, factionScores, Map.of());
    }

    private static StanceScored article(String id, String publishedAt, String duplicateOf, boolean relevant,
                                        Map<String, FactionScore> factionScores,
                                        Map<String, EntityScore> entityScores) {
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, "标题", publishedAt, "示例日报", null, duplicateOf,
                relevant ? 0.9 : 0.1, relevant, "标题\n正文。", List.of(), List.of(), List.of(), entityScores,
                factionScores, Map.of("segmenter", "test", "story", "test", "sentiment", "test"));
    }

    private static KeyValue<String, FactionSentimentWindow> faction(String faction, String day, long articles,
                                                                    long mentions, double mean, long pos, long neg,
                                                                    long neu, long mixed) {
        String start = day + "T00:00:00Z";
        String end = Instant.parse(start).plus(Duration.ofDays(1)).toString();
        return KeyValue.pair(faction + "@" + start, new FactionSentimentWindow(1, faction, start, end, articles,
                mentions, mean, pos, neg, neu, mixed));
    }

    private static KeyValue<String, EntitySentimentWindow> entity(String entity, String day, long articles,
                                                                  long mentions, double mean, long pos, long neg,
                                                                  long neu) {
        String start = day + "T00:00:00Z";
        String end = Instant.parse(start).plus(Duration.ofDays(1)).toString();
        return KeyValue.pair(entity + "@" + start, new EntitySentimentWindow(1, entity, start, end, articles,
                mentions, mean, pos, neg, neu));
    }

    @Test
    void shouldNameItsRepartitionTopicsAndStores() {
        assertEquals(Set.of("aggregate-by-entity-repartition", "aggregate-by-faction-repartition",
                        "aggregate-entity-sentiment-windows", "aggregate-faction-sentiment-windows"),
                internalNames(new AggregateStage().buildTopology()));
    }
    /** Internal topic and store names carry state across upgrades: renaming one silently starts from empty. */
    private static Set<String> internalNames(org.apache.kafka.streams.Topology topology) {
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
}
