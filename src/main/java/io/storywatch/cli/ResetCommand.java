package io.storywatch.cli;

import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.PipelineSession;
import io.storywatch.runtime.StageReset;
import io.storywatch.runtime.StageSettings;
import io.storywatch.stage.Stage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import java.io.PrintWriter;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Makes one stage start over from the beginning of its input topic, e.g. after its logic changed. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Replay a stage from its input topic: delete its consumer group (committed offsets), its "
                + "internal topics and its local state, so that its next start re-reads its input from the beginning.",
                "Prints exactly what it deletes before deleting it. The stage must be stopped. Its output topic is "
                        + "NOT truncated: it is an append-only log, so the replay appends new records after the old "
                        + "ones (compacted topics keep the newest per key)."})
public final class ResetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The stage to reset.")
    String stage;

    @Option(names = "--dry-run", description = "Only print what would be deleted.")
    boolean dryRun;

    private final PipelineFactory factory;

    public ResetCommand() {
        this(PipelineFactory.standard());
    }

    ResetCommand(PipelineFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Stage target = factory.stages(List.of(stage), StageSettings.defaults()).get(0);
        try (PipelineSession session = PipelineSession.connect(broker.bootstrapServers(), broker.dataDir,
                Optional.empty());
             Admin admin = session.admin()) {
            StageReset reset = new StageReset(admin, session.streamsSettings().stateDir());
            StageReset.Plan plan = reset.plan(stage);
            out.println("reset of stage " + stage + " (application id " + plan.applicationId() + "), which reads "
                    + target.input().name() + ":");
            if (plan.isEmpty()) {
                out.println("  nothing to delete: the stage has no offsets, internal topics or local state");
                return 0;
            }
            if (plan.group() != null) {
                out.println("  delete consumer group " + plan.group() + " with its committed offsets");
            }
            plan.internalTopics().forEach(t -> out.println("  delete internal topic " + t));
            if (plan.localState() != null) {
                out.println("  delete local state " + plan.localState().toAbsolutePath());
            }
            out.println("  keep " + target.outputs().stream().map(t -> t.name()).toList()
                    + " as they are (append-only: the replay appends after what is there)");
            if (dryRun) {
                out.println("dry run: nothing deleted");
                return 0;
            }
            reset.execute(plan);
            out.println("done: the next start of " + stage + " reads " + target.input().name()
                    + " from the beginning");
            return 0;
        }
    }
}
