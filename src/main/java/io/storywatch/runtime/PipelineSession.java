package io.storywatch.runtime;

import io.storywatch.runtime.TopicApplier.TopicStatus;
import io.storywatch.stage.Stage;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One running storywatch: a broker (embedded, or reached by address), its topics, and the stages; closing it stops
 * the stages first and the broker last, so that nothing is cut off mid-transaction.
 */
public final class PipelineSession implements AutoCloseable {

    public static final String BOOTSTRAP_FILE = "bootstrap.servers";

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;
    private final Path dataDir;
    private final Optional<Short> replicationFactor;
    private PipelineRunner runner;

    private PipelineSession(EmbeddedKafkaBroker broker, String bootstrapServers, Path dataDir,
                            Optional<Short> replicationFactor) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.replicationFactor = replicationFactor;
    }

    /**
     * Starts the embedded broker with its data in {@code DATA_DIR/kafka} and writes its address to
     * {@code DATA_DIR/bootstrap.servers}; every topic gets one replica.
     */
    public static PipelineSession startEmbedded(Path dataDir, int port) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port);
        try {
            Files.writeString(dataDir.resolve(BOOTSTRAP_FILE), bootstrapLine(broker.bootstrapServers()) + "\n");
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("cannot write " + dataDir.resolve(BOOTSTRAP_FILE), e);
        }
        return new PipelineSession(broker, broker.bootstrapServers(), dataDir, Optional.of((short) 1));
    }

    /**
     * Uses an existing cluster; local stage state still lives under {@code dataDir}.
     *
     * @param replicationFactor overrides topics/ and the broker default for internal topics, when present
     */
    public static PipelineSession connect(String bootstrapServers, Path dataDir, Optional<Short> replicationFactor) {
        return new PipelineSession(null, bootstrapServers, dataDir, replicationFactor);
    }

    public static String bootstrapLine(String bootstrapServers) {
        return BOOTSTRAP_FILE + "=" + bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Optional<EmbeddedKafkaBroker> broker() {
        return Optional.ofNullable(broker);
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    /** Creates missing topics and reports drift, with this session's replication factor if it has one. */
    public List<TopicStatus> applyTopics(TopicCatalog catalog) throws InterruptedException {
        TopicCatalog effective = replicationFactor.map(catalog::withReplicationFactor).orElse(catalog);
        try (Admin admin = admin()) {
            return new TopicApplier(admin).apply(effective);
        }
    }

    /**
     * How many partitions a topic has on this cluster, asked with {@code Admin} (topics/ says what to create, but a
     * topic created elsewhere may have another count).
     *
     * @throws IllegalStateException when the topic does not exist or the cluster cannot say
     */
    public int partitions(String topic) throws InterruptedException {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the partitions of " + topic + " from the cluster",
                    e.getCause());
        }
    }

    /** The stage settings with what must be read from the cluster: the scored topic's partition count. */
    public StageSettings withClusterFacts(StageSettings settings) throws InterruptedException {
        return settings.withScoredPartitions(partitions(Topics.SCORED.name()));
    }

    public StreamsSettings streamsSettings() {
        return StreamsSettings.of(bootstrapServers, dataDir.resolve("state"))
                .withInternalReplicationFactor(replicationFactor.map(Short::intValue).orElse(-1));
    }

    /** Starts the stages; see {@link PipelineRunner#awaitRunning} to wait until they run. */
    public PipelineRunner startStages(List<Stage> stages, StreamsSettings settings) {
        if (runner != null) {
            throw new IllegalStateException("stages already started");
        }
        runner = new PipelineRunner(stages, settings);
        runner.start();
        return runner;
    }

    @Override
    public void close() {
        try {
            if (runner != null) {
                runner.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
