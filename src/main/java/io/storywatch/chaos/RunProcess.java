package io.storywatch.chaos;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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

    private static final Pattern BOOTSTRAP = Pattern.compile("^bootstrap\\.servers=(\\S+)", Pattern.MULTILINE);
    private static final Pattern HANGING_ABORTED = Pattern.compile("aborted a transaction the last crash left open");
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-cp");
        command.add(ownClassPath());
        command.add("io.storywatch.cli.StoryWatch");
        command.add("run");
        command.add("--data-dir");
        command.add(dataDir.toAbsolutePath().toString());
        command.add("--http-port");
        command.add("0");
        command.addAll(runArgs);
        Path out = dataDir.resolve(String.format("chaos-run-%02d.out", start));
        Path err = dataDir.resolve(String.format("chaos-run-%02d.err", start));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new RunProcess(process, out, err);
    }

    /** The class path of this JVM's storywatch: the jar it runs from, or the class path it was started with. */
    private static String ownClassPath() {
        try {
            Path location = Path.of(RunProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.toString();
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall back to the class path below
        }
        return System.getProperty("java.class.path");
    }

    /** Waits until every stage runs; returns the broker's address. */
    public String awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (bootstrapServers == null) {
                Matcher matcher = BOOTSTRAP.matcher(read(stdout));
                if (matcher.find()) {
                    bootstrapServers = matcher.group(1);
                }
            }
            if (bootstrapServers != null && read(stderr).contains("all stages running")) {
                return bootstrapServers;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("run exited with status " + process.exitValue() + ": "
                        + tail(read(stderr)));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("run was not running after " + timeout + "; its stderr ends: "
                        + tail(read(stderr)));
            }
            Thread.sleep(100);
        }
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
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "…" + text.substring(text.length() - 2000);
    }
}
