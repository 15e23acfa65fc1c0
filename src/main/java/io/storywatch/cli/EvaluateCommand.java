package io.storywatch.cli;

import io.storywatch.eval.EvaluateEntitiesCommand;
import picocli.CommandLine.Command;

/** Groups the commands that measure storywatch against labelled data and print figures. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure tagging, segmentation, name finding and sentiment against labelled data.",
        subcommands = {
                EvaluateEntitiesCommand.class,
        })
public final class EvaluateCommand {
}
