package io.storywatch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.FactionScore;
import io.storywatch.event.StanceScored;
import io.storywatch.stage.Stage;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregate on a real broker whose news.articles.scored has another partition count than topics/ says (3): the
 * count is read from the cluster at start, and partitions that receive nothing do not keep windows open for ever.
 * Hour windows with a grace of one hour, so that a window closes once stream time is two hours past its start.
 */
class ScoredPartitionsFromClusterTest {

    private static final String HOUR_WINDOW = "safety@2024-05-01T00:00:00Z/PT1H";

    @Test
    void shouldCloseWindowsOnAScoredTopicWithFewerPartitionsThanTopicsSays(@TempDir Path dir) throws Exception {
        // with the 3 partitions of topics/, stream time would wait for two partitions that do not exist; with the
        // idle rule alone it would stay a day behind 20:00, and the 00:00 window would stay open
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            createScoredTopic(broker, 1);
            try (PipelineSession session = PipelineSession.connect(broker.bootstrapServers(), dir,
                    Optional.of((short) 1))) {
                assertEquals(1, session.partitions(Topics.SCORED.name()));
                start(session);
                send(broker, 0, "a", "2024-05-01T00:10:00Z");
                send(broker, 0, "b", "2024-05-01T20:00:00Z");
                assertTrue(awaitFinal(broker, HOUR_WINDOW), "no final record for " + HOUR_WINDOW);
            }
        }
    }

    @Test
    void shouldCloseWindowsWhenSomeScoredPartitionsReceiveNothing(@TempDir Path dir) throws Exception {
        // 5 partitions, articles on two of them: stream time follows the fastest partition a day behind
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            createScoredTopic(broker, 5);
            try (PipelineSession session = PipelineSession.connect(broker.bootstrapServers(), dir,
                    Optional.of((short) 1))) {
                assertEquals(5, session.partitions(Topics.SCORED.name()));
                start(session);
                send(broker, 0, "a", "2024-05-01T00:10:00Z");
                send(broker, 1, "b", "2024-05-02T00:30:00Z");
                send(broker, 0, "c", "2024-05-03T00:00:00Z");
                assertTrue(awaitFinal(broker, HOUR_WINDOW), "no final record for " + HOUR_WINDOW);
            }
        }
    }

    private static void createScoredTopic(EmbeddedKafkaBroker broker, int partitions) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(Topics.SCORED.name(), partitions, (short) 1))).all().get();
        }
    }

    private static void start(PipelineSession session) throws Exception {
        session.applyTopics(TopicCatalog.fromClasspath());
        StageSettings settings = session.withClusterFacts(StageSettings.defaults()
                .withAggregateGrace(Duration.ofHours(1)));
        List<Stage> stages = PipelineFactory.standard().stages(List.of("aggregate"), settings);
        session.startStages(stages, session.streamsSettings()).awaitRunning(Duration.ofMinutes(2));
    }

    private static void send(EmbeddedKafkaBroker broker, int partition, String id, String publishedAt) {
        StanceScored article = new StanceScored(StanceScored.SCHEMA_VERSION, id, "标题", publishedAt, "示例日报", null,
                null, 0.9, true, "标题\n正文。", List.of(), List.of(), List.of(), Map.of(),
                Map.of("safety", new FactionScore(0.5, "pos", 1)),
                Map.of("segmenter", "test", "story", "test", "sentiment", "test"));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, StanceScored> producer = new KafkaProducer<>(config, new StringSerializer(),
                Topics.SCORED.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.SCORED.name(), partition,
                    Instant.parse(publishedAt).toEpochMilli(), id, article));
        }
    }

    private static boolean awaitFinal(EmbeddedKafkaBroker broker, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "scored-partitions-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FACTION_SENTIMENT.name()));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key()) && record.value() != null
                            && new String(record.value(), StandardCharsets.UTF_8).contains("\"final\":true")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        Properties config = new Properties();
        config.put("bootstrap.servers", broker.bootstrapServers());
        return Admin.create(config);
    }
}
