package io.storywatch.runtime;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.runtime.TopicApplier.Outcome;
import io.storywatch.runtime.TopicApplier.TopicStatus;
import io.storywatch.topic.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The runtime on the in-process KRaft broker that `run` starts by default. */
class EmbeddedBrokerPipelineTest extends BrokerPipelineContract {

    @TempDir
    static Path dir;
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }

    @Override
    Path stateDir() {
        return dir.resolve("state");
    }

    @Test
    void shouldKeepClusterTopicsAndRecordsAcrossABrokerRestart(@TempDir Path restartDir) throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(restartDir)) {
            clusterId = first.clusterId();
            BrokerClient client = new BrokerClient(first.bootstrapServers());
            client.createTopics("kept");
            client.send("kept", "a", "one", "b", "two");
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(restartDir)) {
            BrokerClient client = new BrokerClient(second.bootstrapServers());

            assertEquals(clusterId, second.clusterId());
            assertEquals(List.of("a=one", "b=two"),
                    keyValues(client.readCommitted("kept", 0, 2, START, Duration.ZERO)));
        }
    }

    @Test
    void shouldReportDriftOfAnExistingTopicWithoutChangingIt() throws Exception {
        String name = unique("drifting");
        new BrokerClient(bootstrapServers()).createTopics(name);
        Path defs = Files.createDirectories(dir.resolve("drift-defs"));
        Files.writeString(defs.resolve(name + ".json"), """
                {"name": "%s", "description": "a test topic", "partitions": 2, "replicationFactor": 1,
                 "config": {"cleanup.policy": "compact"}, "writer": "test", "readers": [],
                 "key": {"description": "k", "schema": {"type": "string"}},
                 "value": {"description": "v", "schema": {"type": "string"}}}
                """.formatted(name));

        try (Admin admin = new BrokerClient(bootstrapServers()).admin()) {
            List<TopicStatus> statuses = new TopicApplier(admin).apply(TopicCatalog.fromDirectory(defs));

            assertEquals(List.of(new TopicStatus(name, Outcome.DRIFTED, List.of(
                    "partitions: broker has 1, topics/ says 2",
                    "cleanup.policy: broker has delete, topics/ says compact"))), statuses);
            assertEquals(1, admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().size());
        }
    }

    @Test
    void shouldStopOnlyTheStageThatFailsBeyondItsDeadLetters() throws Exception {
        String in = unique("words");
        String out = unique("shouted");
        String otherIn = unique("words");
        String otherOut = unique("shouted");
        BrokerClient client = new BrokerClient(bootstrapServers());
        client.createTopics(in, out, otherIn, otherOut);
        ShoutStage poisoned = ShoutStage.between(unique("poisoned"), in, out);
        ShoutStage healthy = ShoutStage.between(unique("healthy"), otherIn, otherOut);

        // by default a poison pill becomes a dead letter (DeadLetterEndToEndTest); failing on it stands in for
        // an error no handler takes, which must stop that stage alone
        StreamsSettings failOnPoison = settings().withOverride(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailProcessingExceptionHandler.class.getName());
        try (PipelineRunner runner = new PipelineRunner(List.of(poisoned, healthy), failOnPoison)) {
            runner.start();
            runner.awaitRunning(START);
            client.send(in, "1", "poison");
            awaitState(runner, poisoned.name(), KafkaStreams.State.ERROR);
            client.send(otherIn, "2", "still");

            assertEquals(List.of("2=STILL"), keyValues(client.readCommitted(otherOut, 0, 1, START, QUIET)));
            assertEquals(List.of(poisoned.name()), List.copyOf(runner.failures().keySet()));
            assertInstanceOf(IllegalArgumentException.class, rootCause(runner.failures().get(poisoned.name())));
            assertEquals(KafkaStreams.State.RUNNING, runner.states().get(healthy.name()));
        }
    }

    @Test
    void shouldResetAStageSoThatItForgetsItsStateAndReplaysItsInputOntoItsOutput() throws Exception {
        String in = unique("words");
        String out = unique("counts");
        BrokerClient client = new BrokerClient(bootstrapServers());
        client.createTopics(in, out);
        CountStage stage = CountStage.between(unique("counting"), in, out);
        String applicationId = StreamsSettings.applicationId(stage.name());
        client.send(in, "k", "a", "k", "b");
        try (PipelineRunner runner = new PipelineRunner(List.of(stage), settings())) {
            runner.start();
            runner.awaitRunning(START);
            assertEquals(List.of("k=1", "k=2"), keyValues(client.readCommitted(out, 0, 2, START, Duration.ZERO)));
            try (Admin admin = client.admin()) {
                IllegalStateException running = assertThrows(IllegalStateException.class,
                        () -> new StageReset(admin, stateDir()).plan(stage.name()));
                assertTrue(running.getMessage().contains("is running"), running.getMessage());
            }
        }

        try (Admin admin = client.admin()) {
            StageReset reset = new StageReset(admin, stateDir());
            StageReset.Plan plan = reset.plan(stage.name());

            assertEquals(new StageReset.Plan(stage.name(), applicationId, applicationId,
                    List.of(applicationId + "-counts-changelog"), stateDir().resolve(applicationId)), plan);
            reset.execute(plan);
            assertFalse(Files.exists(stateDir().resolve(applicationId)));
            assertTrue(awaitTopicsDeleted(admin, plan.internalTopics()), "internal topics still there");
            assertTrue(reset.plan(stage.name()).isEmpty(), "something left after the reset");
        }
        long beforeReplay = client.endOffset(out);
        try (PipelineRunner runner = new PipelineRunner(List.of(stage), settings())) {
            runner.start();
            runner.awaitRunning(START);

            // counted from scratch (not k=3, k=4): offsets, changelog and local state are all gone
            assertEquals(List.of("k=1", "k=2"), keyValues(client.readCommitted(out, beforeReplay, 2, START, QUIET)));
            assertEquals(List.of("k=1", "k=2", "k=1", "k=2"),
                    keyValues(client.readCommitted(out, 0, 4, START, Duration.ZERO)),
                    "the output topic keeps what it held before the reset");
        }
    }

    private static boolean awaitTopicsDeleted(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (admin.listTopics().names().get().stream().noneMatch(topics::contains)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static void awaitState(PipelineRunner runner, String stage, KafkaStreams.State state)
            throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (runner.states().get(stage) != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(stage + " is " + runner.states().get(stage) + ", expected " + state);
            }
            Thread.sleep(100);
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
