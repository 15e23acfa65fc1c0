package io.storywatch.cli;

import io.storywatch.bench.Soak;
import io.storywatch.bench.SoakSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A year of news through the whole pipeline, measured per slice: what {@code scripts/soak} runs. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Soak: N generated articles published over a year of event time, sent in random date order "
                + "through the whole pipeline (its own JVM, embedded broker, exactly-once, default settings), "
                + "measured per slice: CPU ms, broker records and near-duplicate candidates per article, live heap "
                + "after a full GC, state directory size, share of articles in news.articles.late. The table of "
                + "slices on stdout; progress on stderr."})
public final class SoakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineProcessOptions process = new PipelineProcessOptions();

    @Option(names = {"-n", "--articles"}, paramLabel = "N", defaultValue = "30000",
            description = "Articles in all, copies included. Default: ${DEFAULT-VALUE}.")
    int articles;

    @Option(names = "--slice", paramLabel = "N", defaultValue = "5000",
            description = "Articles per measured slice. Default: ${DEFAULT-VALUE}.")
    int slice;

    @Option(names = "--days", paramLabel = "DAYS", defaultValue = "365",
            description = "Days of event time the articles are published over (from 2025-01-01). "
                    + "Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--copies", paramLabel = "SHARE", defaultValue = "0.05",
            description = "Share of the articles that are near copies of an earlier one, published up to 3 days "
                    + "after it. Default: ${DEFAULT-VALUE}.")
    double copies;

    @Option(names = "--sentiment", paramLabel = "encoder|rules|linear|FILE", defaultValue = "rules",
            description = "The pipeline's --sentiment (the encoder costs ~7 times the CPU). Default: ${DEFAULT-VALUE}.")
    String sentiment;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20250101",
            description = "Seed of the generated articles. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--slice-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Give up when a slice makes no progress for this long. Default: ${DEFAULT-VALUE}.")
    Duration sliceTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (articles < 1 || slice < 1 || days < 1 || copies < 0 || copies >= 1) {
            throw new IllegalArgumentException("--articles, --slice and --days must be at least 1 and --copies "
                    + "in [0, 1)");
        }
        Soak soak = new Soak(new Soak.Options(articles, slice, days, copies, sentiment, seed, process.pipelineJvm(),
                process.runArgs, process.dataDir, process.keepData, sliceTimeout),
                PipelineProcessOptions.progress(err));
        Map<String, Object> figures = soak.run();
        SoakSummary.table(figures).forEach(out::println);
        out.flush();
        process.writeJson(figures, err);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slices = (List<Map<String, Object>>) figures.get("slices");
        boolean complete = slices.size() * (long) slice >= articles
                && slices.stream().allMatch(s -> Boolean.TRUE.equals(s.get("complete")));
        return complete ? 0 : 1;
    }
}
