package io.storywatch.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One docker-compose project of the repository's compose files, driven through Debian's docker-compose 1.29 (the v1
 * command, which reads the same files as `docker compose`), with the local images and ports of the caller's choice.
 */
public final class Compose implements AutoCloseable {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    private final String project;
    private final Path file;
    private final Map<String, String> environment;

    /**
     * @param file a compose file of the repository, e.g. docker-compose.yml
     * @param environment the variables the file reads (image names, host ports); the local images by default
     */
    public Compose(String project, String file, Map<String, String> environment) {
        this.project = project;
        this.file = ROOT.resolve(file);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_IMAGE", LocalDocker.KAFKA_IMAGE);
        env.put("STORYWATCH_IMAGE", LocalDocker.STORYWATCH_IMAGE);
        env.putAll(environment);
        this.environment = Map.copyOf(env);
    }

    /** Runs docker-compose with these arguments; fails with its output when it exits with an error. */
    public String run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", project, "-f",
                file.toString()));
        command.addAll(List.of(arguments));
        return exec(command, environment, timeout);
    }

    /** Everything a service's containers have logged so far. */
    public String logs(String service) {
        return run(Duration.ofSeconds(60), "logs", "--no-color", service);
    }

    /** The id of a service's container. */
    public String containerId(String service) {
        return run(Duration.ofSeconds(30), "ps", "-q", service).strip();
    }

    /** Stops and removes the project's containers, network and volumes. */
    @Override
    public void close() {
        run(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "-t", "30");
    }

    /** Runs a command to its end; fails with its output when it exits with an error. */
    public static String exec(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Path output = Files.createTempFile("storywatch-compose-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took over " + timeout + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with "
                            + process.exitValue() + ":\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port nobody listens on now, for a service published on the host. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
