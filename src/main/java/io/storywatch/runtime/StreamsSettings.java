package io.storywatch.runtime;

import io.storywatch.failure.DeadLetterHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How every stage's Kafka Streams client is configured, in one value: the broker, where local state lives, the
 * processing guarantee and the replication of internal topics; everything else follows from the stage's name.
 *
 * @param internalReplicationFactor replication of changelog and repartition topics; -1 takes the broker default
 * @param instance names this instance of every stage for static group membership, or null for dynamic membership
 * @param overrides any further Streams properties, applied last; a key {@code STAGE:KEY} applies to that stage only
 *                  (e.g. {@code score:num.stream.threads}), after the keys for every stage
 */
public record StreamsSettings(String bootstrapServers, Path stateDir, String processingGuarantee,
                              int internalReplicationFactor, String instance, Map<String, Object> overrides) {

    public static final String APPLICATION_ID_PREFIX = "storywatch-";
    /** Separates a stage's name from a property that applies to that stage only: {@code score:num.stream.threads}. */
    public static final char STAGE_SEPARATOR = ':';
    /** A stage may write a value close to the largest raw article (4 MiB) into its own topic. */
    static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;
    /**
     * Exactly-once output becomes visible downstream only when its transaction commits, on every one of the
     * pipeline's seven hops: 50 ms instead of Kafka's 100 ms halved the latency from send to faction update
     * (scripts/bench, 20 articles/s: p50 839 -> 351 ms, p99 1071 -> 717 ms) for some 15% more CPU per article.
     */
    static final int EXACTLY_ONCE_COMMIT_INTERVAL_MS = 50;
    static final int STATIC_SESSION_TIMEOUT_MS = 10_000;

    public StreamsSettings {
        overrides = Map.copyOf(overrides);
    }

    /**
     * Exactly-once processing with internal topics replicated as the broker's default says, and static group
     * membership named after this host and state directory.
     */
    public static StreamsSettings of(String bootstrapServers, Path stateDir) {
        return new StreamsSettings(bootstrapServers, stateDir, StreamsConfig.EXACTLY_ONCE_V2, -1,
                instanceName(stateDir), Map.of());
    }

    public StreamsSettings withInternalReplicationFactor(int factor) {
        return new StreamsSettings(bootstrapServers, stateDir, processingGuarantee, factor, instance, overrides);
    }

    public StreamsSettings withProcessingGuarantee(String guarantee) {
        return new StreamsSettings(bootstrapServers, stateDir, guarantee, internalReplicationFactor, instance,
                overrides);
    }

    /** @param name the instance's name for static membership, or null for dynamic membership */
    public StreamsSettings withInstance(String name) {
        return new StreamsSettings(bootstrapServers, stateDir, processingGuarantee, internalReplicationFactor, name,
                overrides);
    }

    public StreamsSettings withOverride(String key, Object value) {
        Map<String, Object> more = new HashMap<>(overrides);
        more.put(key, value);
        return new StreamsSettings(bootstrapServers, stateDir, processingGuarantee, internalReplicationFactor,
                instance, more);
    }

    /**
     * One state directory serves one running instance at a time (Kafka Streams locks it), so host and directory
     * name the instance, and a restart after a crash takes over its old membership instead of waiting for it to
     * time out.
     */
    static String instanceName(Path stateDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String dir = stateDir.toAbsolutePath().normalize().toString();
        return host + "-" + Integer.toHexString(dir.hashCode());
    }

    public static String applicationId(String stageName) {
        return APPLICATION_ID_PREFIX + stageName;
    }

    /** The local state directory of one stage, as Kafka Streams lays it out under {@link #stateDir()}. */
    public Path stageStateDir(String stageName) {
        return stateDir.resolve(applicationId(stageName));
    }

    public Properties forStage(String stageName) {
        return forStage(stageName, Map.of(), Map.of());
    }

    /**
     * A stage's properties; a record it cannot read or process goes to news.articles.failed with these versions
     * and the stage goes on. {@code stageDefaults} (the stage's own, see {@code Stage.streamsProperties}) come
     * before the overrides, which win.
     */
    public Properties forStage(String stageName, Map<String, String> versions, Map<String, Object> stageDefaults) {
        Properties props = DeadLetterHandler.properties(stageName, versions);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(stageName));
        props.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId(stageName));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee)) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EXACTLY_ONCE_COMMIT_INTERVAL_MS);
        }
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, internalReplicationFactor);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        // JSON compresses well, and the broker checks a batch's size after compression.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (instance != null) {
            // Kafka Streams appends each stream thread's index to make it unique per consumer.
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    applicationId(stageName) + "-" + instance);
            // A static member that vanishes keeps its tasks until its session times out: that is how long another
            // instance waits before taking them over. 10 s (Kafka's default is 45 s): three heartbeats missed at
            // the 3 s interval, longer than any GC pause of a 1 GiB heap, and the takeover on a two-instance cluster
            // stays well under 30 s (README, cluster). A restart within it keeps its tasks without a rebalance.
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, STATIC_SESSION_TIMEOUT_MS);
        }
        props.putAll(stageDefaults);
        String stagePrefix = stageName + STAGE_SEPARATOR;
        overrides.forEach((key, value) -> {
            if (key.indexOf(STAGE_SEPARATOR) < 0) {
                props.put(key, value);
            }
        });
        overrides.forEach((key, value) -> {
            if (key.startsWith(stagePrefix)) {
                props.put(key.substring(stagePrefix.length()), value);
            }
        });
        return props;
    }
}
