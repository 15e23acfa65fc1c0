package io.storywatch.cli;

import io.storywatch.failure.FailedReplay;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.StageSettings;
import io.storywatch.stage.Stage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Works on news.articles.failed, the stages' dead letters; for now, re-drives them once their cause is fixed. */
@Command(name = "failed", mixinStandardHelpOptions = true,
        description = "Work on news.articles.failed, the records stages could not read or process.",
        subcommands = {FailedCommand.Replay.class})
public final class FailedCommand {

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Re-drive a stage's dead letters (their original key and value bytes) to the stage's "
                    + "input topic, e.g. after the bug that made them fail is fixed and the stage restarted.",
                    "Each dead letter is re-driven once: the copies and how far the replay read are committed in one "
                            + "transaction (consumer group storywatch-failed-replay-STAGE), so a second replay "
                            + "sends only what failed since. A record that fails again becomes a new dead letter.",
                    "Dead letters of a failure inside the stage (on its internal repartition topic) or without "
                            + "their value (over 4 MiB) are left, each named on stderr."})
    static final class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker = new BrokerOptions();

        @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The stage whose failures "
                + "to re-drive.")
        String stage;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
                converter = DurationConverter.class,
                description = "Give up (re-driving nothing) when news.articles.failed is not read by then. "
                        + "Default: ${DEFAULT-VALUE}.")
        Duration timeout;

        @Override
        public Integer call() {
            Stage target = PipelineFactory.standard().stages(List.of(stage), StageSettings.defaults()).get(0);
            String input = target.input().name();
            FailedReplay.Result result = new FailedReplay(broker.bootstrapServers()).replay(stage, input, timeout);
            PrintWriter err = spec.commandLine().getErr();
            result.skipped().forEach(reason -> err.println("left " + reason));
            spec.commandLine().getOut().printf("replayed=%d skipped=%d (stage %s, to %s)%n", result.replayed(),
                    result.skipped().size(), stage, input);
            return 0;
        }
    }
}
