package io.storywatch.docker;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The Docker engine and the local images of {@code scripts/docker-images}, for the tests that run containers. No
 * registry is reachable here, so every image a test runs is built locally: the Kafka broker from Apache Kafka's own
 * jars, storywatch from {@code target/storywatch.jar}.
 *
 * <p>A test class annotated {@link Images} is skipped, saying why, where no Docker engine answers; where
 * {@code STORYWATCH_REQUIRE_DOCKER=true} (scripts/test sets it once it has an engine running) it fails instead, so a
 * run that should have used Docker never passes by skipping. Before the class's containers start, the images it
 * names are built, or found up to date, by the script.
 */
public final class LocalDocker implements ExecutionCondition, BeforeAllCallback {

    /** The broker image: the official apache/kafka image's interface on Kafka's own 4.4.0 jars. */
    public static final String KAFKA_IMAGE = setting("STORYWATCH_KAFKA_IMAGE", "storywatch/kafka:4.4.0");
    /** target/storywatch.jar on the local Java base image. */
    public static final String STORYWATCH_IMAGE = setting("STORYWATCH_IMAGE", "storywatch:local");

    /**
     * How long a broker container may take to start: some 20 s on an idle two-core machine, over 3 minutes when
     * other work keeps the cores busy (a load average of 70 was seen).
     */
    public static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(6);

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Set<String> BUILT = new LinkedHashSet<>();

    /** The test class runs containers of these images: any of "kafka", "storywatch". */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(LocalDocker.class)
    public @interface Images {
        String[] value();
    }

    /** The broker image, declared compatible with what Testcontainers' KafkaContainer expects of apache/kafka. */
    public static DockerImageName kafkaImage() {
        return DockerImageName.parse(KAFKA_IMAGE).asCompatibleSubstituteFor("apache/kafka");
    }

    public static boolean required() {
        return Boolean.parseBoolean(setting("STORYWATCH_REQUIRE_DOCKER", "false"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem;
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("a Docker engine answers");
            }
            problem = "no Docker engine answers";
        } catch (RuntimeException e) {
            problem = "Testcontainers cannot use the Docker engine: " + e;
        }
        String reason = "skipped: " + problem + " (scripts/test starts dockerd as root; see README)";
        if (required()) {
            throw new IllegalStateException("STORYWATCH_REQUIRE_DOCKER=true but " + problem);
        }
        System.err.println(context.getDisplayName() + " " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String[] images = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), Images.class)
                .map(Images::value).orElse(new String[0]);
        build(images);
    }

    /** Builds the images by scripts/docker-images unless this JVM already did. */
    static synchronized void build(String... images) throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            if (!BUILT.contains(image)) {
                missing.add(image);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/docker-images").toString()));
        command.addAll(missing);
        Path log = Files.createTempFile("storywatch-docker-images-", ".log");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over 15 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        System.err.print(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        BUILT.addAll(missing);
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
