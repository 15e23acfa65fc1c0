package io.storywatch.cli;

import io.storywatch.eval.EvaluateEntitiesCommand;
import io.storywatch.eval.EvaluateNerCommand;
import io.storywatch.eval.EvaluateSegmentationCommand;
import picocli.CommandLine.Command;

/** Groups the commands that measure storywatch against labelled data and print figures. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure tagging, segmentation, name finding and sentiment against labelled data.",
        subcommands = {
                EvaluateEntitiesCommand.class,
                EvaluateNerCommand.class,
                EvaluateSegmentationCommand.class,
                EvaluateSentimentCommand.class,
                EvaluateCvCommand.class,
                EvaluateCompareCommand.class,
        })
public final class EvaluateCommand {
}
