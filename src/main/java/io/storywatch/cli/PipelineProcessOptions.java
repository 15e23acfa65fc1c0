package io.storywatch.cli;

import io.storywatch.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options of a command that measures the whole pipeline in a JVM of its own ({@code bench}, {@code soak}): that
 * JVM's heap and arguments, its {@code run} arguments, its data directory, and where the figures go as JSON.
 */
final class PipelineProcessOptions {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Maximum heap of the pipeline's JVM (-Xmx). Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--jvm-arg", paramLabel = "ARG",
            description = "Further argument of the pipeline's JVM (repeatable), e.g. "
                    + "--jvm-arg=-XX:StartFlightRecording=filename=bench.jfr,settings=profile")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--run-arg", paramLabel = "ARG",
            description = "Further argument of the pipeline's `run` (repeatable), e.g. "
                    + "--run-arg=--streams-config=commit.interval.ms=50 or --run-arg=--aggregate-grace=30d")
    List<String> runArgs = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the pipeline keeps its data; default a new temporary directory, deleted at the end.")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the temporary data directory (logs in pipeline.err).")
    boolean keepData;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure to FILE as JSON.")
    Path json;

    /** The pipeline JVM's arguments: the heap first, then {@code --jvm-arg}s. */
    List<String> pipelineJvm() {
        List<String> arguments = new ArrayList<>();
        arguments.add("-Xmx" + heap);
        arguments.addAll(jvmArgs);
        return arguments;
    }

    /** Progress lines on {@code err}, each with the time of day. */
    static Consumer<String> progress(PrintWriter err) {
        return line -> {
            err.println(LocalTime.now().format(CLOCK) + " " + line);
            err.flush();
        };
    }

    /** Writes the figures to the {@code --json} file, if one was given. */
    void writeJson(Map<String, Object> figures, PrintWriter err) throws IOException {
        if (json == null) {
            return;
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(figures));
        err.println("figures written to " + json);
    }
}
