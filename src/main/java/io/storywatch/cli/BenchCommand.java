package io.storywatch.cli;

import io.storywatch.bench.BenchSummary;
import io.storywatch.bench.Benchmark;
import io.storywatch.bench.WarmUp;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures what the pipeline costs against bare HanLP, the same way every time: what {@code scripts/bench} runs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark: bare HanLP segmentation (one thread), then the whole pipeline in its own JVM on "
                + "the embedded broker, exactly-once: throughput of a burst of N articles, latency at a steady "
                + "rate, peak heap and RSS. One summary line per figure on stdout; progress on stderr."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineProcessOptions process = new PipelineProcessOptions();

    @Option(names = {"-n", "--articles"}, paramLabel = "N", defaultValue = "5000",
            description = "Articles of the throughput burst. Default: ${DEFAULT-VALUE}.")
    int articles;

    @Option(names = "--warm-up-articles", paramLabel = "N", defaultValue = "5000",
            description = "Articles of each warm-up round, sent through the pipeline first and not measured; 0 "
                    + "skips the warm-up. Default: ${DEFAULT-VALUE}.")
    int warmUpArticles;

    @Option(names = "--warm-up-rounds", paramLabel = "N", defaultValue = "8",
            description = "The most warm-up rounds. Default: ${DEFAULT-VALUE}.")
    int warmUpRounds;

    @Option(names = "--warm-at-jit-share", paramLabel = "PERCENT", defaultValue = "10",
            description = "The warm-up ends after a round in which the JIT compiler used at most this share of the "
                    + "pipeline's CPU (or after --warm-up-rounds). Default: ${DEFAULT-VALUE}.")
    double warmAtJitShare;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "20",
            description = "Articles a second of the steady load. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the steady load lasts; 0s skips it. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20231117",
            description = "Seed of the generated articles. Default: ${DEFAULT-VALUE}.")
    long seed;

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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (articles < 1 || rate <= 0) {
            throw new IllegalArgumentException("--articles must be at least 1 and --rate above 0");
        }
        Benchmark.Options options = new Benchmark.Options(articles,
                new WarmUp(warmUpArticles, warmUpRounds, warmAtJitShare / 100), rate, duration, seed,
                hanlpWarmUp, hanlpMeasure, process.pipelineJvm(), process.runArgs, process.dataDir, process.keepData,
                timeout);
        Benchmark benchmark = new Benchmark(options, PipelineProcessOptions.progress(err));
        Map<String, Object> figures = benchmark.run();
        BenchSummary.lines(figures).forEach(out::println);
        out.flush();
        process.writeJson(figures, err);
        @SuppressWarnings("unchecked")
        Map<String, Object> throughput = (Map<String, Object>) figures.get("throughput");
        return throughput != null && Boolean.TRUE.equals(throughput.get("complete")) ? 0 : 1;
    }
}
