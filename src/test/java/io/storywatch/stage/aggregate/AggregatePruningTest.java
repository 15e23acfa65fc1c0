package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.FactionScore;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.JsonSerde;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The originals store forgets an original once no window can count it again, and what arrives for it afterwards is
 * late, not counted as a new original: day windows with 7 days of grace, on the real stores.
 */
class AggregatePruningTest {

    private static final Instant FED_AT = Instant.parse("2024-06-30T00:00:00Z");
    private static final String MARK = OriginalCounting.COUNTED_COPY_PREFIX;
    private static final String CHANGELOG = "aggregate-test-" + AggregateStage.ORIGINALS_STORE + "-changelog";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, StanceScored> scored;
    private TestOutputTopic<String, FactionSentimentWindow> factions;
    private TestOutputTopic<String, ArticleMissedWindow> late;
    private TestOutputTopic<String, OriginalSeen> changelog;
    private KeyValueStore<String, OriginalSeen> originals;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new AggregateStage(new AggregateSettings(Duration.ofDays(1),
                Duration.ofDays(7))).buildTopology(), props);
        scored = driver.createInputTopic(Topics.SCORED.name(), Topics.SCORED.keySerde().serializer(),
                Topics.SCORED.valueSerde().serializer());
        factions = output(Topics.FACTION_SENTIMENT);
        late = output(Topics.LATE);
        changelog = driver.createOutputTopic(CHANGELOG, new StringDeserializer(),
                JsonSerde.of(OriginalSeen.class).deserializer());
        originals = driver.getKeyValueStore(AggregateStage.ORIGINALS_STORE);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldPruneAnOriginalAndItsCopysMarkOnceStreamTimePassesItsWindowsCloseAndNotBefore() {
        // opens [05-28, 05-29), which closes at 06-05T00:00 (end + 7 days): safety: o1; c1 adds to its reach
        scored.pipeInput("o1", article("o1", "2024-05-28T02:00:00Z"), FED_AT);
        scored.pipeInput("c1", copy("c1", "o1", "2024-05-28T04:00:00Z"), FED_AT);
        // stream time 06-04T23:59:59.999: [05-28) still open, so nothing can be pruned
        scored.pipeInput("x1", article("x1", "2024-06-04T23:59:59.999Z"), FED_AT);
        maintain();
        assertEquals(List.of(MARK + "c1", "o1", "x1"), storedKeys());

        // stream time 06-05T00:00: [05-28) is final, and the next maintenance forgets o1, then c1's mark
        scored.pipeInput("x2", article("x2", "2024-06-05T00:00:00Z"), FED_AT);
        maintain();

        assertEquals(List.of("x1", "x2"), storedKeys());
        // deleted, not just hidden: a restart restores only what is live
        assertEquals(List.of("o1", MARK + "c1"), tombstones());
        assertTrue(late.isEmpty());
    }

    @Test
    void shouldReportACorrectionOrACopyOfAPrunedOriginalLateAndNotCountItAgain() {
        // [05-28): safety: o1, reach 2 with c1; stream time 06-05 closes it, and maintenance prunes o1 and c1's mark
        scored.pipeInput("o1", article("o1", "2024-05-28T02:00:00Z"), FED_AT);
        scored.pipeInput("c1", copy("c1", "o1", "2024-05-28T04:00:00Z"), FED_AT);
        scored.pipeInput("x2", article("x2", "2024-06-05T00:00:00Z"), FED_AT);
        maintain();
        factions.readKeyValuesToList();
        assertEquals(List.of("x2"), storedKeys());

        // o1 corrected: no window holding 05-28 is open, so it is late, not a new original
        scored.pipeInput("o1", corrected(article("o1", "2024-05-28T02:00:00Z")), FED_AT);
        // c1's second record: its mark has gone with o1, and its own day is closed: late too
        scored.pipeInput("c1", copy("c1", "o1", "2024-05-28T04:00:00Z"), FED_AT);
        maintain();
        // a copy first seen now, when nothing of o1 is held, dated in o1's closed day: late
        scored.pipeInput("c2", copy("c2", "o1", "2024-05-28T05:00:00Z"), FED_AT);
        maintain();

        String closed = "window closed at 2024-06-05T00:00:00Z (window end + grace)";
        assertEquals(List.of(
                        missed("o1", null, "2024-05-28T02:00:00Z", "its P1D " + closed
                                + " and stream time is 2024-06-05T00:00:00Z", "2024-05-28T02:00:00Z"),
                        missed("c1", "o1", "2024-05-28T04:00:00Z", "a copy of o1, whose original no open window"
                                + " holds: its own P1D " + closed + " and stream time is 2024-06-05T00:00:00Z",
                                "2024-05-28T04:00:00Z"),
                        missed("c2", "o1", "2024-05-28T05:00:00Z", "a copy of o1, whose original no open window"
                                + " holds: its own P1D " + closed + " and stream time is 2024-06-05T00:00:00Z",
                                "2024-05-28T05:00:00Z")),
                late.readKeyValuesToList());
        assertTrue(late.isEmpty());
        // no window counted any of them: [05-28) is not written again, no window opens
        assertTrue(factions.isEmpty());
        // the late o1 was kept as an original no window counts, until the maintenance after it
        assertEquals(List.of("x2"), storedKeys());
    }

    @Test
    void shouldDoWithAnArticleOfAnExpiredOriginalWhatItDoesOnceThePassHasDeletedIt() {
        // [05-28): safety: o1 and o2, each with a copy; stream time 06-05 closes it, no maintenance yet
        scored.pipeInput("o1", article("o1", "2024-05-28T02:00:00Z"), FED_AT);
        scored.pipeInput("c1", copy("c1", "o1", "2024-05-28T04:00:00Z"), FED_AT);
        scored.pipeInput("o2", article("o2", "2024-05-28T02:00:00Z"), FED_AT);
        scored.pipeInput("c2", copy("c2", "o2", "2024-05-28T04:00:00Z"), FED_AT);
        scored.pipeInput("x2", article("x2", "2024-06-05T00:00:00Z"), FED_AT);
        factions.readKeyValuesToList();

        // o1 and c1 again while their records and c1's mark are still stored
        scored.pipeInput("o1", corrected(article("o1", "2024-05-28T02:00:00Z")), FED_AT);
        scored.pipeInput("c1", copy("c1", "o1", "2024-05-28T04:00:00Z"), FED_AT);
        List<KeyValue<String, ArticleMissedWindow>> beforePass = late.readKeyValuesToList();
        maintain();
        // o2 and c2 again once the pass has deleted theirs
        scored.pipeInput("o2", corrected(article("o2", "2024-05-28T02:00:00Z")), FED_AT);
        scored.pipeInput("c2", copy("c2", "o2", "2024-05-28T04:00:00Z"), FED_AT);
        List<KeyValue<String, ArticleMissedWindow>> afterPass = late.readKeyValuesToList();

        String closed = "P1D window closed at 2024-06-05T00:00:00Z (window end + grace) and stream time is"
                + " 2024-06-05T00:00:00Z";
        assertEquals(List.of(missed("o1", null, "2024-05-28T02:00:00Z", "its " + closed, "2024-05-28T02:00:00Z"),
                missed("c1", "o1", "2024-05-28T04:00:00Z", "a copy of o1, whose original no open window holds:"
                        + " its own " + closed, "2024-05-28T04:00:00Z")), beforePass);
        assertEquals(List.of(missed("o2", null, "2024-05-28T02:00:00Z", "its " + closed, "2024-05-28T02:00:00Z"),
                missed("c2", "o2", "2024-05-28T04:00:00Z", "a copy of o2, whose original no open window holds:"
                        + " its own " + closed, "2024-05-28T04:00:00Z")), afterPass);
        assertTrue(factions.isEmpty());
    }

    @Test
    void shouldLookAtABoundedSliceOfTheStorePerPassAndGoOnWhereTheLastStopped() {
        int many = OriginalsPruning.KEYS_PER_PASS + 500;
        for (int i = 0; i < many; i++) {
            // [05-28): one more original
            scored.pipeInput(String.format("o%05d", i), article(String.format("o%05d", i), "2024-05-28T02:00:00Z"),
                    FED_AT);
        }
        // closes [05-28): every o expires
        scored.pipeInput("x2", article("x2", "2024-06-05T00:00:00Z"), FED_AT);

        maintain();
        // the first pass looked at the first KEYS_PER_PASS keys only
        assertEquals(many - OriginalsPruning.KEYS_PER_PASS + 1, storedKeys().size());
        driver.advanceWallClockTime(Duration.ofMillis(WindowAggregator.CHECKPOINT_INTERVAL_MS));
        // the next went on from there
        assertEquals(List.of("x2"), storedKeys());
    }

    /**
     * Two checkpoint intervals of wall-clock time: one checkpoint and pruning pass the first time (the first tick only
     * starts the interval), two afterwards.
     */
    private void maintain() {
        driver.advanceWallClockTime(Duration.ofMillis(WindowAggregator.CHECKPOINT_INTERVAL_MS));
        driver.advanceWallClockTime(Duration.ofMillis(WindowAggregator.CHECKPOINT_INTERVAL_MS));
    }

    private List<String> storedKeys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, OriginalSeen> all = originals.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private List<String> tombstones() {
        return changelog.readKeyValuesToList().stream().filter(record -> record.value == null)
                .map(record -> record.key).toList();
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    private static KeyValue<String, ArticleMissedWindow> missed(String id, String originalId, String publishedAt,
                                                                String message, String eventTime) {
        boolean copy = originalId != null;
        return KeyValue.pair(id, new ArticleMissedWindow(ArticleMissedWindow.SCHEMA_VERSION, id, copy ? "转载" : "标题",
                copy ? "转载晚报" : "示例日报", publishedAt, originalId, ArticleMissedWindow.AFTER_GRACE, message,
                eventTime, "2024-06-05T00:00:00Z", "P1D", "2024-05-28T00:00:00Z", "2024-05-29T00:00:00Z",
                "2024-06-05T00:00:00Z"));
    }

    private static StanceScored article(String id, String publishedAt) {
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, "标题", publishedAt, "示例日报", null, null, 0.9, true,
                "标题\n正文。", List.of(), List.of(), List.of(), Map.of(),
                Map.of("safety", new FactionScore(-0.5, "neg", 1)), Map.of());
    }

    private static StanceScored copy(String id, String originalId, String publishedAt) {
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, "转载", publishedAt, "转载晚报", null, originalId, 0.9,
                true, "转载\n正文。", List.of(), List.of(), List.of(), Map.of(),
                Map.of("safety", new FactionScore(0.9, "pos", 5)), Map.of());
    }

    /** The article as the score stage re-emits it after an analyst's correction of one of its labels. */
    private static StanceScored corrected(StanceScored a) {
        CorrectionMade correction = new CorrectionMade(1, "c-" + a.id(), "analyst", "2026-01-02T09:00:00Z", a.id(),
                CorrectionMade.RELEVANCE, null, null, null, "relevant", "relevant", null);
        return new StanceScored(a.schemaVersion(), a.id(), a.title(), a.publishedAt(), a.source(), a.url(),
                a.duplicateOf(), a.relevance(), a.relevant(), a.text(), a.sentences(), a.entities(), a.unlinked(),
                a.entityScores(), Map.of("safety", new FactionScore(0.75, "pos", 1)), a.versions(),
                List.of(correction));
    }
}
