package io.storywatch.runtime;

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
 * Starts {@code storywatch run} in a JVM of its own, as an operator would, and tells when it runs: what the benchmark,
 * the soak and the chaos scenarios measure or hurt.
 */
public final class RunLauncher {

    private static final Pattern BOOTSTRAP = Pattern.compile("^bootstrap\\.servers=(\\S+)", Pattern.MULTILINE);
    private static final String RUNNING = "all stages running";

    private RunLauncher() {
    }

    /**
     * {@code java JVM_ARGS -cp OWN_CLASS_PATH io.storywatch.cli.StoryWatch run --data-dir DATA_DIR RUN_ARGS}, with
     * the JVM arguments before the class path and UTF-8 as the default encoding.
     */
    public static List<String> command(List<String> jvmArgs, Path dataDir, List<String> runArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Dfile.encoding=UTF-8");
        command.add("-cp");
        command.add(ownClassPath());
        command.add("io.storywatch.cli.StoryWatch");
        command.add("run");
        command.add("--data-dir");
        command.add(dataDir.toAbsolutePath().toString());
        command.addAll(runArgs);
        return command;
    }

    /**
     * Starts {@code command} with its output and errors in the two files, and stops it when this JVM stops (SIGTERM
     * to it, SIGKILL after 30 s), so that an interrupted benchmark or chaos run leaves no pipeline behind.
     */
    public static Process start(List<String> command, Path stdout, Path stderr) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-run-" + process.pid()));
        return process;
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the {@code run} writing {@code stdout} and {@code stderr} has printed its broker's address and
     * reported every stage running; returns the address. Fails when the process exits or the time is up, with the
     * end of its stderr.
     */
    public static String awaitRunning(Process process, Path stdout, Path stderr, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String bootstrapServers = null;
        while (true) {
            if (bootstrapServers == null) {
                Matcher matcher = BOOTSTRAP.matcher(read(stdout));
                if (matcher.find()) {
                    bootstrapServers = matcher.group(1);
                }
            }
            if (bootstrapServers != null && read(stderr).contains(RUNNING)) {
                return bootstrapServers;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("run exited with status " + process.exitValue() + " (" + stderr
                        + "); its stderr ends: " + tail(read(stderr)));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("run was not running after " + timeout + " (" + stderr
                        + "); its stderr ends: " + tail(read(stderr)));
            }
            Thread.sleep(100);
        }
    }

    /** The whole text of a log file, empty while it does not exist yet. */
    public static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The class path of this JVM's storywatch: the jar it runs from, or the class path it was started with. */
    private static String ownClassPath() {
        try {
            Path location = Path.of(RunLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.toString();
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall back to the class path below
        }
        return System.getProperty("java.class.path");
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "…" + text.substring(text.length() - 2000);
    }
}
