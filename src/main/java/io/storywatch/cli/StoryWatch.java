package io.storywatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
                CorrectionsCommand.class,
                ReportCommand.class,
                BenchCommand.class,
                ChaosCommand.class,
                SoakCommand.class,
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
                .setExecutionExceptionHandler(StoryWatch::reportFailure);
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace too, not only the chain of causes.")
    boolean verbose;

    /** A failure says why in one line per cause, outermost first; the stack trace only with --verbose. */
    private static int reportFailure(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println("storywatch " + command.getCommandName() + ": " + causeChain(error));
        if (verbose(parsed)) {
            error.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** The error's message, then each cause not already said, e.g. "cannot write model m.json: caused by ...". */
    static String causeChain(Throwable error) {
        StringBuilder chain = new StringBuilder(describe(error, false));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(error);
        for (Throwable t = error.getCause(); t != null && seen.add(t); t = t.getCause()) {
            // wrappers often repeat their cause's message: say each thing once
            if (t.getMessage() == null || chain.indexOf(t.getMessage()) < 0) {
                chain.append(": caused by ").append(describe(t, true));
            }
        }
        return chain.toString();
    }

    private static String describe(Throwable t, boolean withClass) {
        String name = t.getClass().getSimpleName();
        if (t.getMessage() == null || t.getMessage().isBlank()) {
            return name;
        }
        return withClass ? name + ": " + t.getMessage() : t.getMessage();
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
