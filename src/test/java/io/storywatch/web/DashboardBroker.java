package io.storywatch.web;

import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.runtime.EmbeddedKafkaBroker;
import io.storywatch.runtime.TopicApplier;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded broker with every topic of the catalogue, for a dashboard test class, and what such tests write to it:
 * {@code @RegisterExtension static final DashboardBroker BROKER = new DashboardBroker();}.
 */
final class DashboardBroker implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException, ExecutionException {
        dir = Files.createTempDirectory("storywatch-dashboard-broker-");
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            new TopicApplier(admin).apply(TopicCatalog.fromClasspath().withReplicationFactor((short) 1));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** A transactional producer of raw bytes, as the stages write their topics. */
    KafkaProducer<String, byte[]> producer(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    static ProducerRecord<String, byte[]> scored(StanceScored article) {
        return new ProducerRecord<>(Topics.SCORED.name(), article.id(), Json.toBytes(article));
    }

    /** Waits up to 30 s for {@code condition}; fails naming {@code what} otherwise. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
