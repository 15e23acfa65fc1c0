package io.storywatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The storywatch command line: one executable jar, one subcommand per job. */
@Command(name = "storywatch", mixinStandardHelpOptions = true, version = "storywatch 0.1.0",
        description = "Event-sourced news-analysis pipeline on Kafka Streams.",
        subcommands = {
                CommandLine.HelpCommand.class,
                RunCommand.class,
                DemoCommand.class,
                FeedCommand.class,
                TailCommand.class,
                TopicsCommand.class,
                ResetCommand.class,
                FailedCommand.class,
                AnalyzeCommand.class,
                StoryCommand.class,
                EvaluateCommand.class,
                TrainCommand.class,
                PredictCommand.class,
                ServeCommand.class,
                BenchCommand.class,
        })
public final class StoryWatch {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        // UTF-8 whatever the locale says: articles and topic records are Chinese text.
        return new CommandLine(new StoryWatch()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
                .setExecutionExceptionHandler(StoryWatch::reportUsageProblem);
    }

    /** A wrong path, stage name or broker address deserves one line, not a stack trace. */
    private static int reportUsageProblem(Exception error, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        if (error instanceof IllegalArgumentException || error instanceof IllegalStateException
                || error instanceof java.io.UncheckedIOException) {
            command.getErr().println("storywatch " + command.getCommandName() + ": " + error.getMessage());
            return 1;
        }
        throw error;
    }
}
