package io.storywatch.runtime;

import io.storywatch.stage.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.storywatch.metrics.PipelineMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stages side by side, one Kafka Streams client each (so each has its own application id, offsets and state and
 * can be scaled or replayed alone), and stops them so that they leave their groups at once.
 */
public final class PipelineRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final List<Stage> stages;
    private final StreamsSettings settings;
    /** Written once by {@link #start}; read without a lock so that state queries never wait for a closing stage. */
    private volatile Map<String, KafkaStreams> clients = Map.of();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();
    private final Object stateChange = new Object();
    private boolean closed;
    private final List<AutoCloseable> metricBindings = new ArrayList<>();

    public PipelineRunner(List<Stage> stages, StreamsSettings settings) {
        this.stages = List.copyOf(stages);
        this.settings = settings;
        if (stages.stream().map(Stage::name).distinct().count() != stages.size()) {
            throw new IllegalArgumentException("two stages share a name, so they would share an application id");
        }
    }

    /** Builds each stage's topology and starts its client; returns at once, see {@link #awaitRunning}. */
    public synchronized void start() {
        if (!clients.isEmpty() || closed) {
            throw new IllegalStateException("a runner starts once");
        }
        Map<String, KafkaStreams> created = new LinkedHashMap<>();
        for (Stage stage : stages) {
            KafkaStreams streams = new KafkaStreams(stage.buildTopology(), settings.forStage(stage.name(),
                    stage.versions(), stage.streamsProperties()));
            streams.setUncaughtExceptionHandler(error -> {
                // A poison pill fails again on every retry: a replaced thread would re-read the same record and
                // fail in a loop, so stop this stage, keep the others running and say why.
                LOG.error("stage {} failed and stops; fix the cause, then run it again (or reset it): {}",
                        stage.name(), error.toString(), error);
                failures.put(stage.name(), error);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((newState, oldState) -> {
                LOG.info("stage {}: {} -> {}", stage.name(), oldState, newState);
                if (newState == KafkaStreams.State.RUNNING) {
                    // where several instances share a stage, which of its tasks this one runs now
                    LOG.info("stage {} runs tasks {} here", stage.name(), activeTasks(streams));
                }
                synchronized (stateChange) {
                    stateChange.notifyAll();
                }
            });
            created.put(stage.name(), streams);
        }
        clients = Collections.unmodifiableMap(created);
        created.values().forEach(KafkaStreams::start);
    }

    /** The stage's active tasks on this instance, e.g. [0_0, 0_2] (sub-topology_partition), in order. */
    private static List<String> activeTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().toString())
                .sorted()
                .toList();
    }

    /** Publishes every stage's Kafka Streams metrics, tagged with the stage, until the runner closes. */
    public synchronized void bindMetrics(PipelineMetrics metrics) {
        clients.forEach((stage, streams) -> metricBindings.add(metrics.bindStreams(stage, streams)));
    }

    /**
     * Waits until every stage is RUNNING.
     *
     * @throws IllegalStateException when a stage fails or stops first, or the timeout passes
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateChange) {
            while (true) {
                Map<String, KafkaStreams.State> states = states();
                List<String> stopped = states.entrySet().stream()
                        .filter(e -> !e.getValue().isRunningOrRebalancing() && e.getValue() != KafkaStreams.State.CREATED)
                        .map(Map.Entry::getKey).toList();
                if (!stopped.isEmpty()) {
                    throw new IllegalStateException("stages stopped before running: " + stopped + " " + failures);
                }
                if (states.values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING)) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("stages not running after " + timeout + ": " + states);
                }
                stateChange.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
            }
        }
    }

    /** Each stage's client state, in stage order. */
    public Map<String, KafkaStreams.State> states() {
        Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
        clients.forEach((name, streams) -> states.put(name, streams.state()));
        return states;
    }

    /** The stages that stopped on an error, with the error. */
    public Map<String, Throwable> failures() {
        return Collections.unmodifiableMap(failures);
    }

    /** True when every stage is RUNNING (not rebalancing, restoring or stopped). */
    public boolean allRunning() {
        return states().values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING);
    }

    /** True while at least one stage is running or rebalancing. */
    public boolean anyRunning() {
        return states().values().stream().anyMatch(KafkaStreams.State::isRunningOrRebalancing);
    }

    /**
     * Closes every stage, each leaving its consumer group explicitly: otherwise the broker keeps the member until
     * its session times out and the next start of the same stage waits for that.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> slow = new ArrayList<>();
        for (Map.Entry<String, KafkaStreams> client : clients.entrySet()) {
            boolean done = client.getValue().close(CloseOptions
                    .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            if (!done) {
                slow.add(client.getKey());
            }
        }
        if (!slow.isEmpty()) {
            LOG.warn("stages {} did not close within {}", slow, CLOSE_TIMEOUT);
        }
        for (AutoCloseable binding : metricBindings) {
            try {
                binding.close();
            } catch (Exception e) {
                LOG.warn("cannot unbind stage metrics: {}", e.toString());
            }
        }
    }
}
