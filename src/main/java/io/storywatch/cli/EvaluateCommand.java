package io.storywatch.cli;

import picocli.CommandLine.Command;

/** Groups the commands that measure storywatch against labelled data and print figures. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure tagging, segmentation, name finding and sentiment against labelled data.",
        subcommands = {
                EvaluateSentimentCommand.class,
                EvaluateCvCommand.class,
        })
public final class EvaluateCommand {
}
