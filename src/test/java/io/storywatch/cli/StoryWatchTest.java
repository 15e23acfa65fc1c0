package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryWatchTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameEveryCauseOnceOutermostFirst() {
        Exception error = new IllegalStateException("training failed", new UncheckedIOException(
                "cannot write model m.json", new MalformedInputException(1)));

        assertEquals("training failed: caused by UncheckedIOException: cannot write model m.json: caused by "
                + "MalformedInputException: Input length = 1", StoryWatch.causeChain(error));
        assertEquals("cannot read x.jsonl", StoryWatch.causeChain(new UncheckedIOException("cannot read x.jsonl",
                new java.nio.file.NoSuchFileException("x.jsonl"))));
    }

    @Test
    void shouldSayWhyInOneLineAndShowTheStackTraceOnlyWhenVerbose() {
        String missing = dir.resolve("missing.jsonl").toString();
        StringWriter quiet = new StringWriter();
        StringWriter verbose = new StringWriter();

        int quietStatus = StoryWatch.commandLine().setErr(new PrintWriter(quiet)).execute("train", "--task",
                "stance", "--input", missing, "--model", dir.resolve("m.json").toString());
        int verboseStatus = StoryWatch.commandLine().setErr(new PrintWriter(verbose)).execute("train", "--verbose",
                "--task", "stance", "--input", missing, "--model", dir.resolve("m.json").toString());

        assertEquals(1, quietStatus);
        assertEquals(1, verboseStatus);
        assertTrue(quiet.toString().startsWith("storywatch train: "), quiet.toString());
        assertTrue(quiet.toString().contains("missing.jsonl"), quiet.toString());
        assertEquals(1, quiet.toString().lines().count(), quiet.toString());
        assertFalse(quiet.toString().contains("\tat "), quiet.toString());
        assertTrue(verbose.toString().contains("\tat "), verbose.toString());
    }

    @Test
    void shouldAcceptVerboseOnEverySubcommand() {
        CommandLine commandLine = StoryWatch.commandLine();
        assertTrue(commandLine.getSubcommands().values().stream()
                .allMatch(sub -> sub.getCommandSpec().findOption("--verbose") != null));
    }
}
