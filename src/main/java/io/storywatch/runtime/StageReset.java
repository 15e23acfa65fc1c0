package io.storywatch.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Forgets everything a stage has done (committed offsets, internal topics, local state) so that its next start
 * re-reads its input topic from the beginning; its output topic keeps what it already holds.
 */
public final class StageReset {

    private static final List<String> INTERNAL_TOPIC_SUFFIXES = List.of("-changelog", "-repartition",
            "-subscription-registration-topic", "-subscription-response-topic");

    private final Admin admin;
    private final Path stateDir;

    public StageReset(Admin admin, Path stateDir) {
        this.admin = admin;
        this.stateDir = stateDir;
    }

    /**
     * What a reset of one stage deletes.
     *
     * @param group the consumer group (= application id), or null when the broker has none
     * @param localState the stage's local state directory, or null when there is none
     */
    public record Plan(String stage, String applicationId, String group, List<String> internalTopics,
                       Path localState) {
        public Plan {
            internalTopics = List.copyOf(internalTopics);
        }

        public boolean isEmpty() {
            return group == null && internalTopics.isEmpty() && localState == null;
        }
    }

    /**
     * Looks up what a reset would delete, deleting nothing.
     *
     * @throws IllegalStateException when the stage is running somewhere (its group has members)
     */
    public Plan plan(String stage) throws InterruptedException {
        String applicationId = StreamsSettings.applicationId(stage);
        String group = null;
        try {
            Map<String, ConsumerGroupDescription> groups =
                    admin.describeConsumerGroups(List.of(applicationId)).all().get();
            ConsumerGroupDescription description = groups.get(applicationId);
            if (!description.members().isEmpty()) {
                throw new IllegalStateException("stage " + stage + " is running (" + description.members().size()
                        + " member(s) in group " + applicationId + "); stop it before resetting it (a killed stage stays a "
                        + "member until its session times out, 10 s by default)");
            }
            if (!admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get().isEmpty()
                    || description.groupState() != org.apache.kafka.common.GroupState.DEAD) {
                group = applicationId;
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("cannot describe group " + applicationId + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        List<String> internalTopics;
        try {
            internalTopics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(applicationId + "-"))
                    .filter(t -> INTERNAL_TOPIC_SUFFIXES.stream().anyMatch(t::endsWith))
                    .sorted().toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
        Path localState = stateDir.resolve(applicationId);
        return new Plan(stage, applicationId, group, internalTopics, Files.exists(localState) ? localState : null);
    }

    /** Deletes what the plan names: the group with its offsets, then the internal topics, then local state. */
    public void execute(Plan plan) throws InterruptedException {
        try {
            if (plan.group() != null) {
                try {
                    admin.deleteConsumerGroups(List.of(plan.group())).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        throw e;
                    }
                }
            }
            if (!plan.internalTopics().isEmpty()) {
                admin.deleteTopics(plan.internalTopics()).all().get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("reset of " + plan.stage() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
        if (plan.localState() != null) {
            deleteRecursively(plan.localState());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
