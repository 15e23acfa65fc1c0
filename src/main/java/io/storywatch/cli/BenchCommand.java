package io.storywatch.cli;

import io.storywatch.bench.BenchSummary;
import io.storywatch.bench.Benchmark;
import io.storywatch.json.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures what the pipeline costs against bare HanLP, the same way every time: what {@code scripts/bench} runs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: bare HanLP segmentation (one thread), then the whole pipeline in its own JVM on "
                + "the embedded broker, exactly-once: throughput of a burst of N articles, latency at a steady "
                + "rate, peak heap and RSS. One summary line per figure on stdout; progress on stderr."})
public final class BenchCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--articles"}, paramLabel = "N", defaultValue = "5000",
            description = "Articles of the throughput burst. Default: ${DEFAULT-VALUE}.")
    int articles;

    @Option(names = "--warm-up-articles", paramLabel = "N", defaultValue = "1000",
            description = "Articles sent through the pipeline first and not measured. Default: ${DEFAULT-VALUE}.")
    int warmUpArticles;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "20",
            description = "Articles a second of the steady load. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the steady load lasts; 0s skips it. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure to FILE as JSON.")
    Path json;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20231117",
            description = "Seed of the generated articles. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Maximum heap of the pipeline's JVM (-Xmx). Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--jvm-arg", paramLabel = "ARG",
            description = "Further argument of the pipeline's JVM (repeatable), e.g. "
                    + "--jvm-arg=-XX:StartFlightRecording=filename=bench.jfr,settings=profile")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--run-arg", paramLabel = "ARG",
            description = "Further argument of the pipeline's `run` (repeatable), e.g. "
                    + "--run-arg=--streams-config=commit.interval.ms=50")
    List<String> runArgs = new ArrayList<>();

    @Option(names = "--hanlp-warm-up", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "Warm-up of bare HanLP. Default: ${DEFAULT-VALUE}.")
    Duration hanlpWarmUp;

    @Option(names = "--hanlp-measure", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Least time of the measured HanLP passes. Default: ${DEFAULT-VALUE}.")
    Duration hanlpMeasure;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Longest wait for the burst's outputs. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the pipeline keeps its data; default a new temporary directory, deleted at the end.")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the temporary data directory (logs in pipeline.err).")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (articles < 1 || rate <= 0) {
            throw new IllegalArgumentException("--articles must be at least 1 and --rate above 0");
        }
        List<String> pipelineJvm = new ArrayList<>();
        pipelineJvm.add("-Xmx" + heap);
        pipelineJvm.addAll(jvmArgs);
        Benchmark.Options options = new Benchmark.Options(articles, warmUpArticles, rate, duration, seed,
                hanlpWarmUp, hanlpMeasure, pipelineJvm, runArgs, dataDir, keepData, timeout);
        Benchmark benchmark = new Benchmark(options, line -> {
            err.println(LocalTime.now().format(CLOCK) + " " + line);
            err.flush();
        });
        Map<String, Object> figures = benchmark.run();
        BenchSummary.lines(figures).forEach(out::println);
        out.flush();
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(figures));
            err.println("figures written to " + json);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> throughput = (Map<String, Object>) figures.get("throughput");
        return throughput != null && Boolean.TRUE.equals(throughput.get("complete")) ? 0 : 1;
    }
}
