package io.storywatch.cli;

import io.storywatch.runtime.PipelineSession;
import io.storywatch.runtime.TopicApplier;
import io.storywatch.runtime.TopicApplier.Outcome;
import io.storywatch.runtime.TopicApplier.TopicStatus;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.TopicSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import java.io.PrintWriter;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shows and provisions the topics that topics/ defines. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Show or create the topics defined in topics/.",
        subcommands = {TopicsCommand.Apply.class, TopicsCommand.ListTopics.class})
public final class TopicsCommand {

    /** Where the definitions come from: the jar's copy of topics/, or a directory. */
    static final class Definitions {
        @Option(names = "--topics-dir", paramLabel = "DIR",
                description = "Read definitions from this directory instead of the copy of topics/ in the jar.")
        Path topicsDir;

        TopicCatalog catalog() {
            return topicsDir == null ? TopicCatalog.fromClasspath() : TopicCatalog.fromDirectory(topicsDir);
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Create the topics that do not exist yet and check the others against their definition "
                    + "(partitions, replication, config).",
                    "Existing topics are never altered: differences are printed as drift."})
    static final class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        BrokerOptions broker = new BrokerOptions();
        @Mixin
        Definitions definitions = new Definitions();

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replication factor for every topic instead of the one in its definition "
                        + "(e.g. 1 on a single broker).")
        Short replicationFactor;

        @Option(names = "--fail-on-drift", description = "Exit with status 3 when an existing topic differs.")
        boolean failOnDrift;

        @Override
        public Integer call() throws Exception {
            List<TopicStatus> statuses;
            try (PipelineSession session = PipelineSession.connect(broker.bootstrapServers(), broker.dataDir,
                    Optional.ofNullable(replicationFactor))) {
                statuses = session.applyTopics(definitions.catalog());
            }
            Reports.topicStatuses(statuses).forEach(spec.commandLine().getOut()::println);
            boolean drift = statuses.stream().anyMatch(s -> s.outcome() == Outcome.DRIFTED);
            return drift && failOnDrift ? 3 : 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the topic catalogue; with --bootstrap-servers (or a running `run`'s --data-dir) "
                    + "also what the broker holds.")
    static final class ListTopics implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
                description = "Also show which topics exist on this cluster and where they differ.")
        String bootstrapServers;
        @Mixin
        Definitions definitions = new Definitions();

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replication factor to expect instead of the one in each definition, as given to "
                        + "`topics apply` (e.g. 1 on a single broker).")
        Short replicationFactor;

        @Override
        public Integer call() throws Exception {
            TopicCatalog catalog = replicationFactor == null ? definitions.catalog()
                    : definitions.catalog().withReplicationFactor(replicationFactor);
            List<String> rows = new ArrayList<>();
            rows.add(String.format("%-26s %5s %3s %-8s %-14s %-10s %s", "TOPIC", "PARTS", "RF", "CLEANUP",
                    "RETENTION.MS", "WRITER", bootstrapServers == null ? "READERS" : "ON BROKER"));
            Set<String> existing = Set.of();
            Admin admin = bootstrapServers == null ? null
                    : PipelineSession.connect(bootstrapServers, Path.of("."), Optional.empty()).admin();
            try {
                TopicApplier applier = admin == null ? null : new TopicApplier(admin);
                if (applier != null) {
                    existing = applier.existingTopics();
                }
                for (TopicSpec spec : catalog.specs()) {
                    String last;
                    if (applier == null) {
                        last = String.join(", ", spec.readers());
                    } else if (!existing.contains(spec.name())) {
                        last = "missing";
                    } else {
                        List<String> drift = applier.drift(spec);
                        last = drift.isEmpty() ? "ok" : "drift: " + String.join("; ", drift);
                    }
                    rows.add(String.format("%-26s %5d %3d %-8s %-14s %-10s %s", spec.name(), spec.partitions(),
                            spec.replicationFactor(), spec.config().getOrDefault("cleanup.policy", "delete"),
                            spec.config().getOrDefault("retention.ms", "default"), spec.writer(), last));
                }
            } finally {
                if (admin != null) {
                    admin.close();
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            rows.forEach(out::println);
            if (admin != null) {
                Set<String> others = new TreeSet<>(existing);
                catalog.specs().forEach(s -> others.remove(s.name()));
                if (!others.isEmpty()) {
                    out.println();
                    out.println("other topics on the broker (e.g. the stages' internal topics):");
                    others.forEach(t -> out.println("  " + t));
                }
            }
            return 0;
        }
    }
}
