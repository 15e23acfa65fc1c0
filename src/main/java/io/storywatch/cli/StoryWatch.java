package io.storywatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The storywatch command line: one executable jar, one subcommand per job. */
@Command(name = "storywatch", mixinStandardHelpOptions = true, version = "storywatch 0.1.0",
        description = "Event-sourced news-analysis pipeline on Kafka Streams.",
        subcommands = {
                CommandLine.HelpCommand.class,
                EvaluateCommand.class,
                ServeCommand.class,
        })
public final class StoryWatch {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new StoryWatch()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
