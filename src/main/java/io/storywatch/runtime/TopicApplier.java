package io.storywatch.runtime;

import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes a broker hold the topics of a {@link TopicCatalog}: creates the missing ones and reports where existing ones
 * differ from their definition; it never alters or deletes an existing topic, because that is an operator's call.
 */
public final class TopicApplier {

    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    public TopicApplier(Admin admin) {
        this.admin = admin;
    }

    /** What applying found for one topic. */
    public record TopicStatus(String topic, Outcome outcome, List<String> drift) {
        public TopicStatus {
            drift = List.copyOf(drift);
        }
    }

    public enum Outcome { CREATED, UNCHANGED, DRIFTED }

    /** Creates the missing topics, waits until the broker serves them, and checks the others. */
    public List<TopicStatus> apply(TopicCatalog catalog) throws InterruptedException {
        Set<String> existing = existingTopics();
        List<TopicStatus> result = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (TopicSpec spec : catalog.specs()) {
            if (!existing.contains(spec.name()) && create(spec)) {
                result.add(new TopicStatus(spec.name(), Outcome.CREATED, List.of()));
                created.add(spec.name());
            } else {
                List<String> drift = drift(spec);
                result.add(new TopicStatus(spec.name(), drift.isEmpty() ? Outcome.UNCHANGED : Outcome.DRIFTED, drift));
            }
        }
        // A stage started on a topic the broker does not serve yet fails with a missing source topic.
        awaitServed(created);
        return result;
    }

    private void awaitServed(List<String> topics) throws InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
                if (descriptions.values().stream().allMatch(d -> d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " created but not served after "
                        + VISIBILITY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** Names of the topics the broker holds, internal ones excluded. */
    public Set<String> existingTopics() throws InterruptedException {
        return get(admin.listTopics().names());
    }

    /** Differences between a topic on the broker and its definition, in words; empty when they agree. */
    public List<String> drift(TopicSpec spec) throws InterruptedException {
        awaitServed(List.of(spec.name()));
        List<String> drift = new ArrayList<>();
        TopicDescription description = get(admin.describeTopics(List.of(spec.name())).allTopicNames()).get(spec.name());
        int partitions = description.partitions().size();
        if (partitions != spec.partitions()) {
            drift.add("partitions: broker has " + partitions + ", topics/ says " + spec.partitions());
        }
        int replicas = description.partitions().get(0).replicas().size();
        if (replicas != spec.replicationFactor()) {
            drift.add("replication factor: broker has " + replicas + ", wanted " + spec.replicationFactor());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Config config = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
        for (Map.Entry<String, String> wanted : spec.config().entrySet()) {
            ConfigEntry entry = config.get(wanted.getKey());
            String actual = entry == null ? null : entry.value();
            if (!wanted.getValue().equals(actual)) {
                drift.add(wanted.getKey() + ": broker has " + actual + ", topics/ says " + wanted.getValue());
            }
        }
        return drift;
    }

    /** Creates the topic; false when someone else created it first. */
    private boolean create(TopicSpec spec) throws InterruptedException {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.config());
        try {
            admin.createTopics(List.of(topic)).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            if (e.getCause() instanceof InvalidReplicationFactorException) {
                throw new IllegalStateException("cannot create " + spec.name() + " with replication factor "
                        + spec.replicationFactor() + ": " + e.getCause().getMessage()
                        + " (use --replication-factor to override topics/)", e.getCause());
            }
            throw new IllegalStateException("cannot create " + spec.name() + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
