package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.StanceScored;
import io.storywatch.runtime.EmbeddedKafkaBroker;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.StageReset;
import io.storywatch.runtime.StreamsSettings;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay is exact: on the embedded broker, the aggregate stage writes what the topology test driver computes for the
 * same input, and after {@code reset} of the stage it writes the same records again. Compared is what does not depend
 * on wall-clock time: the late records and alerts (all of them, in order), and per window topic the final records in
 * order and the latest record of every key. How many open records come before those depends on how the articles fell
 * into publish intervals, which differs from run to run.
 */
class AggregateReplayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Instant FED_AT = Instant.parse("2024-06-30T00:00:00Z");
    private static final List<Topic<String, ?>> OUTPUTS = List.of(Topics.FACTION_SENTIMENT, Topics.ENTITY_SENTIMENT,
            Topics.STORY_COVERAGE, Topics.FACTION_ALERTS, Topics.LATE);

    private static final List<String> WINDOW_TOPICS = List.of(Topics.FACTION_SENTIMENT.name(),
            Topics.ENTITY_SENTIMENT.name(), Topics.STORY_COVERAGE.name());

    private static final Map<String, String> KEEP_EVERYTHING = Map.of("retention.ms", "-1", "retention.bytes", "-1");

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheSameAggregateRecordsAfterAResetAndReplay() throws Exception {
        AggregateSettings settings = AggregateSettings.defaults()
                .withAlerts(new ShiftAlertSettings(Duration.ofDays(1), 3, 3, 6, 3.0, 0.2));
        List<TestRecord<String, StanceScored>> input = articles();
        Map<String, Deterministic> expected = expectedFromTheTestDriver(settings, input);
        assertTrue(expected.values().stream().allMatch(written -> !written.isEmpty()), "every output has records");
        assertTrue(expected.get(Topics.FACTION_SENTIMENT.name()).finals().size() > 0, "some windows closed");

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()))) {
            // one partition each, so the order is the same in every run; records carry 2024 event times, so
            // time-based retention would delete them at once (as topics/ says, these topics keep everything)
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic(Topics.SCORED.name(), 1, (short) 1).configs(KEEP_EVERYTHING));
            OUTPUTS.forEach(topic -> topics.add(new NewTopic(topic.name(), 1, (short) 1).configs(KEEP_EVERYTHING)));
            admin.createTopics(topics).all().get();
            produce(broker.bootstrapServers(), input);
            StreamsSettings streams = StreamsSettings.of(broker.bootstrapServers(), dir.resolve("state"))
                    .withInternalReplicationFactor(1);
            AggregateStage stage = new AggregateStage(settings);

            Map<String, Deterministic> first = runUntilWritten(stage, streams, broker.bootstrapServers(), expected,
                    Map.of());
            StageReset reset = new StageReset(admin, streams.stateDir());
            reset.execute(reset.plan(stage.name()));
            // offsets, not record counts: exactly-once writes a transaction marker after each commit
            Map<String, Long> afterFirst = endOffsets(broker.bootstrapServers());
            Map<String, Deterministic> replayed = runUntilWritten(stage, streams, broker.bootstrapServers(), expected,
                    afterFirst);

            assertEquals(expected, first);
            assertEquals(first, replayed);
        }
    }

    /** Old news, out of order, late beyond grace, future-dated, a copy, and a shift that raises one alert. */
    private static List<TestRecord<String, StanceScored>> articles() {
        List<TestRecord<String, StanceScored>> records = new ArrayList<>();
        for (int day = 1; day <= 3; day++) {
            for (int hour = 0; hour < 3; hour++) {
                records.add(article("b" + day + hour, "2024-05-0" + day + "T0" + hour + ":00:00Z", 0.25, null));
            }
        }
        records.add(article("d0", "2024-05-04T00:00:00Z", -0.5, null));
        records.add(article("copy-of-d0", "2024-05-04T02:30:00Z", 0.9, "d0"));
        records.add(article("d1", "2024-05-04T01:00:00Z", -0.5, null));
        records.add(article("d2", "2024-05-04T02:00:00Z", -0.5, null));
        records.add(new TestRecord<>("wrong-date", scored("wrong-date", "2031-01-01T00:00:00Z", 0.1, null),
                Instant.parse("2024-05-04T12:00:00Z")));
        records.add(article("later", "2024-05-12T12:00:00Z", 0.0, null));
        records.add(article("out-of-order", "2024-05-10T12:00:00Z", 0.3, null));
        records.add(article("too-late", "2024-05-02T12:00:00Z", -0.9, null));
        return records;
    }

    private static TestRecord<String, StanceScored> article(String id, String publishedAt, double score,
                                                            String duplicateOf) {
        return new TestRecord<>(id, scored(id, publishedAt, score, duplicateOf), FED_AT);
    }

    private static StanceScored scored(String id, String publishedAt, double score, String duplicateOf) {
        String label = score > 0.1 ? "pos" : score < -0.1 ? "neg" : "neu";
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, "标题" + id, publishedAt, "示例日报", null,
                duplicateOf, 0.9, true, "标题\n正文。", List.of(), List.of(), List.of(),
                Map.of("jan-leike", new EntityScore(score, label, 1)),
                Map.of("safety", new FactionScore(score, label, 1)), Map.of());
    }

    /** A record as written: key, value bytes as text, timestamp. */
    private record Written(String key, String value, long timestamp) {
        boolean isFinal() {
            return value.contains("\"final\":true");
        }
    }

    /**
     * What a topic holds that does not depend on wall-clock time: for the window topics the final records in order
     * and the latest record per key; for the others every record in order.
     */
    private record Deterministic(List<Written> finals, Map<String, Written> latest, List<Written> all) {
        static Deterministic of(String topic, List<Written> written) {
            if (!WINDOW_TOPICS.contains(topic)) {
                return new Deterministic(List.of(), Map.of(), List.copyOf(written));
            }
            Map<String, Written> latest = new java.util.TreeMap<>();
            written.forEach(record -> latest.put(record.key(), record));
            return new Deterministic(written.stream().filter(Written::isFinal).toList(), latest, List.of());
        }

        boolean isEmpty() {
            return finals.isEmpty() && latest.isEmpty() && all.isEmpty();
        }
    }

    private static Map<String, Deterministic> expectedFromTheTestDriver(AggregateSettings settings,
                                                                       List<TestRecord<String, StanceScored>> input) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-replay-oracle");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(new AggregateStage(settings).buildTopology(), props)) {
            TestInputTopic<String, StanceScored> scored = driver.createInputTopic(Topics.SCORED.name(),
                    Topics.SCORED.keySerde().serializer(), Topics.SCORED.valueSerde().serializer());
            scored.pipeRecordList(input);
            // the windows still open are written when the (past) publish interval has passed
            driver.advanceWallClockTime(settings.pastPublishInterval());
            Map<String, Deterministic> written = new LinkedHashMap<>();
            for (Topic<String, ?> topic : OUTPUTS) {
                written.put(topic.name(), Deterministic.of(topic.name(), driver.createOutputTopic(topic.name(),
                                Topics.SCORED.keySerde().deserializer(), new ByteArrayDeserializer())
                        .readRecordsToList().stream()
                        .map(r -> new Written(r.key(), new String(r.value(), java.nio.charset.StandardCharsets.UTF_8),
                                r.timestamp()))
                        .toList()));
            }
            return written;
        }
    }

    private static void produce(String bootstrapServers, List<TestRecord<String, StanceScored>> input)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, StanceScored> producer = new KafkaProducer<>(props,
                Topics.SCORED.keySerde().serializer(), Topics.SCORED.valueSerde().serializer())) {
            for (TestRecord<String, StanceScored> record : input) {
                producer.send(new ProducerRecord<>(Topics.SCORED.name(), 0, record.timestamp(), record.key(),
                        record.value())).get();
            }
        }
    }

    /**
     * Runs the stage until what each output holds past {@code from} is what is expected (or a timeout), then a quiet
     * spell in which nothing more may change it.
     */
    private static Map<String, Deterministic> runUntilWritten(AggregateStage stage, StreamsSettings streams,
                                                              String bootstrapServers,
                                                              Map<String, Deterministic> expected,
                                                              Map<String, Long> from) throws Exception {
        try (PipelineRunner runner = new PipelineRunner(List.of(stage), streams)) {
            runner.start();
            runner.awaitRunning(TIMEOUT);
            Map<String, Deterministic> written = new LinkedHashMap<>();
            for (Topic<String, ?> topic : OUTPUTS) {
                written.put(topic.name(), readCommitted(bootstrapServers, topic.name(),
                        from.getOrDefault(topic.name(), 0L), expected.get(topic.name())));
            }
            return written;
        }
    }

    private static Map<String, Long> endOffsets(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> offsets = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props,
                Topics.SCORED.keySerde().deserializer(), new ByteArrayDeserializer())) {
            for (Topic<String, ?> topic : OUTPUTS) {
                TopicPartition partition = new TopicPartition(topic.name(), 0);
                offsets.put(topic.name(), consumer.endOffsets(List.of(partition)).get(partition));
            }
        }
        return offsets;
    }

    private static Deterministic readCommitted(String bootstrapServers, String topic, long fromOffset,
                                               Deterministic expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Written> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props,
                Topics.SCORED.keySerde().deserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, fromOffset);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Deterministic.of(topic, records).equals(expected) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(new Written(r.key(),
                        new String(r.value(), java.nio.charset.StandardCharsets.UTF_8), r.timestamp())));
            }
            long quietUntil = System.nanoTime() + QUIET.toNanos();
            while (System.nanoTime() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(new Written(r.key(),
                        new String(r.value(), java.nio.charset.StandardCharsets.UTF_8), r.timestamp())));
            }
        }
        return Deterministic.of(topic, records);
    }
}
