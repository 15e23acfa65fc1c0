package io.storywatch.chaos;

import io.storywatch.runtime.RunLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code storywatch run} in a process of its own on a data directory (embedded broker and every stage), the way an
 * operator runs it, so that it can be killed with SIGKILL or stopped with SIGTERM. Each start writes its output to
 * {@code DATA_DIR/chaos-run-N.out} and {@code .err}.
 */
public final class RunProcess {

    private static final Pattern HANGING_ABORTED = Pattern.compile("(aborted|committed) a transaction the last crash left open");
    private static final Pattern STAGE_STOPPED = Pattern.compile("^stage (\\S+) stopped: (.*)$", Pattern.MULTILINE);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private String bootstrapServers;

    private RunProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code run --data-dir DATA_DIR --http-port 0 RUN_ARGS}; {@code start} numbers the log files. */
    public static RunProcess start(Path dataDir, int start, List<String> runArgs) throws IOException {
        Files.createDirectories(dataDir);
        List<String> args = new ArrayList<>(List.of("--http-port", "0"));
        args.addAll(runArgs);
        List<String> command = RunLauncher.command(List.of("-Xmx1g"), dataDir, args);
        Path out = dataDir.resolve(String.format("chaos-run-%02d.out", start));
        Path err = dataDir.resolve(String.format("chaos-run-%02d.err", start));
        Process process = RunLauncher.start(command, out, err);
        return new RunProcess(process, out, err);
    }

    /** Waits until every stage runs; returns the broker's address. */
    public String awaitRunning(Duration timeout) throws IOException, InterruptedException {
        bootstrapServers = RunLauncher.awaitRunning(process, stdout, stderr, timeout);
        return bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no closing transaction, the broker's files as they are. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and a wait for the stages and the broker to close; returns the exit status. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IllegalStateException("run did not stop within 90 s of SIGTERM; see " + stderr);
        }
        return process.exitValue();
    }

    /** The stages that stopped on an error in this run, one line each ({@code STAGE: ERROR}). */
    public List<String> stageStops() throws IOException {
        List<String> stops = new ArrayList<>();
        Matcher matcher = STAGE_STOPPED.matcher(read(stderr));
        while (matcher.find()) {
            stops.add(matcher.group(1) + ": " + matcher.group(2));
        }
        return stops;
    }

    /** How many partitions' transactions the restarted broker found hanging and aborted (see HangingTransactions). */
    public long hangingTransactionsAborted() throws IOException {
        return HANGING_ABORTED.matcher(read(stderr)).results().count();
    }

    public Path stderrFile() {
        return stderr;
    }

    private static String read(Path file) throws IOException {
        return RunLauncher.read(file);
    }
}
