package io.storywatch.bench;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.stage.aggregate.Portrayals;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One benchmark run: bare HanLP as the reference, then the whole pipeline in its own JVM on the embedded broker, a
 * burst for throughput and a steady load for latency, and the pipeline's memory; every figure in one map.
 */
public final class Benchmark {

    /**
     * Throughput articles (and the warm-up's) are published over these days in random order, as a backfill of an
     * archive is: all within the aggregate's grace, so none is late.
     */
    static final Instant BURST_FROM = Instant.parse("2019-01-01T00:00:00Z");
    static final Duration BURST_SPREAD = Duration.ofDays(6);
    /**
     * Each steady article has a window of its own, a day after the previous one, from the day after the burst's last
     * (news as it comes, after the archive: each steady article moves stream time on, so its windows are live ones,
     * which the aggregate writes within a second; all in the past, since ingest dates a future article at its
     * arrival), and the stages' partitions may reorder a few of them: with the default grace of 7 days an article
     * overtaken by 8 later ones would be dropped as late, so the pipeline under test keeps every window open. Its
     * dashboard is served on a free port: the default 8080 may be taken (by a `run` or another benchmark), and a
     * pipeline that cannot bind it exits.
     */
    static final List<String> RUN_ARGS = List.of("--aggregate-grace", "36500d", "--http-port", "0");

    /**
     * @param articles articles of the throughput burst
     * @param warmUp rounds of articles sent through the pipeline before the burst, not measured, so that the burst
     *        meets compiled code as bare HanLP does (a fresh pipeline JVM keeps compiling for tens of thousands of
     *        articles)
     * @param rate articles a second of the steady load
     * @param duration how long the steady load lasts; zero skips it
     * @param jvmArgs arguments of the pipeline's JVM, e.g. {@code -Xmx1g}
     * @param runArgs further arguments of the pipeline's {@code run}, e.g. {@code --streams-config=K=V}
     */
    public record Options(int articles, WarmUp warmUp, double rate, Duration duration, long seed,
                          Duration hanlpWarmUp,
                          Duration hanlpMeasure, List<String> jvmArgs, List<String> runArgs, Path dataDir,
                          boolean keepData, Duration timeout) {
    }

    private final Options options;
    private final Consumer<String> progress;

    public Benchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs everything and returns the figures, in the order they were taken. */
    public Map<String, Object> run() throws IOException, InterruptedException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("startedAt", Instant.now().toString());
        figures.put("loadAverageAtStart", LoadAverage.read());
        figures.put("cpus", Runtime.getRuntime().availableProcessors());

        StoryDefinition story = Stories.defaultStory();
        BenchCorpus corpus = BenchCorpus.fromSamples(story);
        List<BenchArticle> burst = corpus.articles("bench-burst", options.articles(), options.seed(), BURST_FROM,
                BURST_SPREAD, false, List.of());
        int steadyCount = (int) Math.round(options.rate() * options.duration().toMillis() / 1000.0);
        List<BenchArticle> steady = portrayingAFaction(corpus.articles("bench-candidate", 3 * steadyCount + 20,
                options.seed() + 1, BURST_FROM, Duration.ZERO, true, burst), steadyCount, story);
        List<BenchArticle> avoid = new ArrayList<>(burst);
        avoid.addAll(steady);
        long burstChars = burst.stream().mapToLong(BenchArticle::chars).sum();
        progress.accept(String.format("corpus: %d burst articles (%d chars, %d per article on average) and %d "
                        + "steady ones, from %d sample sentences", burst.size(), burstChars,
                burst.isEmpty() ? 0 : burstChars / burst.size(), steady.size(), corpus.sentencePoolSize()));
        figures.put("corpus", Map.of("articles", burst.size(), "chars", burstChars, "seed", options.seed(),
                "sentencePool", corpus.sentencePoolSize()));

        progress.accept("measuring bare HanLP segmentation, one thread ...");
        HanLpSegmenter segmenter = HanLpSegmenter.forStory(story);
        SegmenterThroughput.Result hanlp = SegmenterThroughput.measure(segmenter,
                burst.stream().map(BenchArticle::text).toList(), options.hanlpWarmUp(), options.hanlpMeasure(),
                progress);
        figures.put("hanlp", Map.of("segmenter", segmenter.version(), "threads", 1,
                "charsPerSecond", round(hanlp.charsPerSecond()), "articlesPerSecond", round(hanlp.articlesPerSecond()),
                "passes", hanlp.passes(), "seconds", round(hanlp.nanos() / 1e9),
                "charsPerCpuSecond", round(hanlp.charsPerCpuSecond()),
                "warmUpSeconds", options.hanlpWarmUp().toSeconds()));
        progress.accept(String.format("bare HanLP: %.0f chars/s", hanlp.charsPerSecond()));

        Path dataDir = options.dataDir() != null ? options.dataDir()
                : Files.createTempDirectory("storywatch-bench-");
        progress.accept("starting the pipeline (" + String.join(" ", options.jvmArgs()) + ") in " + dataDir);
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("jvmArgs", options.jvmArgs());
        pipeline.put("runArgs", runArgs());
        pipeline.put("processingGuarantee", StreamsConfig.EXACTLY_ONCE_V2);
        figures.put("pipeline", pipeline);
        long startedAt = System.nanoTime();
        try (PipelineProcess process = PipelineProcess.start(dataDir, options.jvmArgs(), runArgs())) {
            String bootstrap = process.awaitRunning(Duration.ofMinutes(3));
            pipeline.put("startupSeconds", round((System.nanoTime() - startedAt) / 1e9));
            progress.accept(String.format("pipeline running (pid %d, %s) after %.1f s", process.pid(), bootstrap,
                    (System.nanoTime() - startedAt) / 1e9));
            int warmUpSent = 0;
            try (PipelineProbe probe = new PipelineProbe(bootstrap)) {
                Supplier<String> status = () -> status(process);
                Map<String, Object> warmUp = warmUp(process, probe, corpus, avoid, status);
                pipeline.put("warmUp", warmUp);
                warmUpSent = (int) warmUp.get("articles");
                ThreadCpu threadsBefore = process.threadCpu();
                BrokerCounters brokerBefore = process.brokerCounters();
                long cpuBefore = process.cpuNanos();
                PipelineProbe.Throughput throughput = probe.burst(burst, options.timeout(), progress, status);
                long cpu = process.cpuNanos() - cpuBefore;
                ThreadCpu threadsAfter = process.threadCpu();
                BrokerCounters brokerAfter = process.brokerCounters();
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("articles", throughput.articles());
                t.put("chars", throughput.chars());
                t.put("complete", throughput.complete());
                t.put("seconds", round(throughput.lastUpdateNanos() / 1e9));
                t.put("articlesPerSecond", round(throughput.articlesPerSecond()));
                t.put("charsPerSecond", round(throughput.charsPerSecond()));
                t.put("sendSeconds", round(throughput.sendNanos() / 1e9));
                t.put("lastScoredSeconds", round(throughput.lastScoredNanos() / 1e9));
                t.put("scored", throughput.scored());
                t.put("aggregateUpdates", throughput.aggregateUpdates());
                t.put("aggregateUpdatesPerArticle", round(throughput.aggregateUpdates()
                        / (double) Math.max(1, throughput.articles())));
                t.put("windowReachAdded", throughput.reach());
                t.put("expectedWindowReachAdded", throughput.expectedReach());
                t.put("duplicatesMarked", throughput.duplicatesMarked());
                t.put("irrelevant", throughput.irrelevant());
                t.put("pipelineCpuSeconds", round(cpu / 1e9));
                t.put("charsPerCpuSecond", round(throughput.chars() / (cpu / 1e9)));
                t.put("loadAverage", LoadAverage.read());
                if (threadsBefore != null && threadsAfter != null) {
                    t.put("cpuSecondsByPart", cpuByPart(threadsAfter.secondsByPartSince(threadsBefore), cpu));
                    t.put("busiestThreadsCpuSeconds", rounded(threadsAfter.busiestSince(threadsBefore, 12)));
                }
                if (brokerBefore != null && brokerAfter != null) {
                    t.put("brokerRecordsInPerArticle",
                            rounded(brokerAfter.recordsPerArticleSince(brokerBefore, throughput.articles())));
                    t.put("brokerRequestsPerArticle",
                            rounded(brokerAfter.requestsPerArticleSince(brokerBefore, throughput.articles())));
                }
                figures.put("throughput", t);
                // CPU time is far less disturbed by other processes on the cores than wall-clock time
                figures.put("cpuRatio", round(throughput.chars() / (cpu / 1e9) / hanlp.charsPerCpuSecond()));
                figures.put("ratio", round(throughput.charsPerSecond() / hanlp.charsPerSecond()));
                progress.accept(String.format("throughput: %.1f articles/s, %.0f chars/s (%s)",
                        throughput.articlesPerSecond(), throughput.charsPerSecond(),
                        throughput.complete() ? "complete" : "INCOMPLETE"));

                if (!steady.isEmpty()) {
                    progress.accept(String.format("steady load: %.1f articles/s for %d s ...", options.rate(),
                            options.duration().toSeconds()));
                    PipelineProbe.Latency latency = probe.steady(steady, options.rate(), Duration.ofMinutes(2),
                            progress, status);
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("rate", options.rate());
                    l.put("seconds", options.duration().toSeconds());
                    l.put("sent", latency.sent());
                    l.put("complete", latency.complete());
                    l.put("toScoredMillis", percentiles(latency.toScoredMillis()));
                    l.put("toFactionUpdateMillis", percentiles(latency.toFactionMillis()));
                    l.put("loadAverage", LoadAverage.read());
                    figures.put("latency", l);
                }
                pipeline.put("sendFailures", probe.sendFailures());
            }
            PipelineProcess.Memory memory = process.memory();
            long liveHeap = process.liveHeapBytes();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("heapLiveAtEndBytes", liveHeap);
            m.put("articlesSent", warmUpSent + burst.size() + steady.size());
            m.put("heapUsedPeakBytes", memory.heapUsedMax());
            m.put("heapAfterGcPeakBytes", memory.heapAfterGcMax());
            m.put("heapPoolPeaksSumBytes", memory.heapPoolPeaksSum());
            m.put("heapMaxBytes", memory.heapMax());
            m.put("rssPeakBytes", memory.rssKbPeak() * 1024);
            m.put("rssLastBytes", memory.rssKbLast() * 1024);
            m.put("gcCount", memory.gcCount());
            m.put("gcMillis", memory.gcMillis());
            m.put("pipelineAlive", process.isAlive());
            figures.put("memory", m);
            progress.accept("stopping the pipeline ...");
        } finally {
            if (!options.keepData() && options.dataDir() == null) {
                deleteRecursively(dataDir);
            }
        }
        figures.put("loadAverageAtEnd", LoadAverage.read());
        return figures;
    }

    /**
     * Sends warm-up rounds, each of new articles over the burst's days, until {@link WarmUp#done}; what each round
     * measured. Without thread CPU times (no thread dump) a round's compiler share counts as 0, so one round is sent.
     */
    private Map<String, Object> warmUp(PipelineProcess process, PipelineProbe probe, BenchCorpus corpus,
                                       List<BenchArticle> avoid, Supplier<String> status) throws InterruptedException {
        WarmUp plan = options.warmUp();
        List<BenchArticle> sent = new ArrayList<>(avoid);
        List<WarmUp.Round> rounds = new ArrayList<>();
        List<Map<String, Object>> figures = new ArrayList<>();
        while (!plan.done(rounds)) {
            int round = rounds.size() + 1;
            List<BenchArticle> articles = corpus.articles("bench-warm-up-" + round, plan.roundArticles(),
                    options.seed() + 100 + round, BURST_FROM, BURST_SPREAD, false, sent);
            sent.addAll(articles);
            progress.accept(String.format("warm-up round %d (at most %d): %d articles, not measured ...", round,
                    plan.maxRounds(), articles.size()));
            ThreadCpu threadsBefore = process.threadCpu();
            long cpuBefore = process.cpuNanos();
            PipelineProbe.Throughput warm = probe.burst(articles, options.timeout(), progress, status);
            long cpu = process.cpuNanos() - cpuBefore;
            ThreadCpu threadsAfter = process.threadCpu();
            double jit = threadsBefore == null || threadsAfter == null ? 0
                    : threadsAfter.secondsByPartSince(threadsBefore).getOrDefault(ThreadCpu.JIT_COMPILER, 0.0);
            WarmUp.Round measured = new WarmUp.Round(articles.size(), warm.lastUpdateNanos() / 1e9, cpu / 1e9, jit);
            rounds.add(measured);
            progress.accept(String.format("warm-up round %d: %.1f articles/s, %.1f ms of CPU per article, the JIT "
                            + "compiler %.1f%% of it (warm at %.0f%% or less)%s", round, measured.articlesPerSecond(),
                    measured.cpuMillisPerArticle(), 100 * measured.jitShare(), 100 * plan.jitShare(),
                    warm.complete() ? "" : "; INCOMPLETE: not every output arrived"));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("articles", measured.articles());
            r.put("seconds", round(measured.seconds()));
            r.put("complete", warm.complete());
            r.put("articlesPerSecond", round(measured.articlesPerSecond()));
            r.put("cpuSeconds", round(measured.cpuSeconds()));
            r.put("cpuMillisPerArticle", round(measured.cpuMillisPerArticle()));
            r.put("jitCompilerCpuSeconds", round(measured.jitSeconds()));
            r.put("jitCompilerShare", round(measured.jitShare()));
            figures.add(r);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("roundArticles", plan.roundArticles());
        summary.put("maxRounds", plan.maxRounds());
        summary.put("warmAtJitShare", plan.jitShare());
        summary.put("warm", plan.warm(rounds));
        summary.put("articles", rounds.stream().mapToInt(WarmUp.Round::articles).sum());
        summary.put("rounds", figures);
        return summary;
    }

    /**
     * The first {@code count} candidates that update a faction window, each renamed and published on a day of its
     * own; decided by the stages' own objects offline, so the pipeline does the same with them.
     */
    private List<BenchArticle> portrayingAFaction(List<BenchArticle> candidates, int count, StoryDefinition story) {
        progress.accept("choosing steady-load articles that portray a faction ...");
        ArticleAnalyzer analyzer = ArticleAnalyzer.forStory(story, SentimentModels.loadDefault());
        Instant firstDay = BURST_FROM.plus(BURST_SPREAD).plus(Duration.ofDays(1));
        if (firstDay.plus(Duration.ofDays(count)).isAfter(Instant.now())) {
            throw new IllegalArgumentException("the steady load's " + count + " articles, a day each from " + firstDay
                    + ", would reach the future: lower --rate or --duration");
        }
        List<BenchArticle> kept = new ArrayList<>();
        for (BenchArticle candidate : candidates) {
            if (kept.size() == count) {
                break;
            }
            BenchArticle article = candidate.renamed(String.format("bench-steady-%05d", kept.size()),
                    firstDay.plus(Duration.ofDays(kept.size())).plus(Duration.ofHours(12)));
            if (analyzer.analyze(article.json()) instanceof ArticleAnalyzer.Analysed analysed
                    && !Portrayals.ofFactions(analysed.analysis()).isEmpty()) {
                kept.add(article);
            }
        }
        if (kept.size() < count) {
            throw new IllegalStateException("only " + kept.size() + " of " + candidates.size()
                    + " generated articles portray a faction; " + count + " needed");
        }
        return kept;
    }

    private List<String> runArgs() {
        List<String> args = new ArrayList<>(RUN_ARGS);
        args.addAll(options.runArgs());
        return args;
    }

    private static String status(PipelineProcess process) {
        PipelineProcess.Memory memory = process.memory();
        return String.format("pipeline RSS %d MiB, heap %d MiB; load %s", memory.rssKbLast() / 1024,
                memory.heapUsedLast() >> 20, LoadAverage.read());
    }

    /** The parts' CPU seconds, and what the process used besides them (threads that ended, rounding of ticks). */
    static Map<String, Object> cpuByPart(Map<String, Double> seconds, long processCpuNanos) {
        Map<String, Object> parts = new LinkedHashMap<>(rounded(seconds));
        double listed = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        parts.put("not in a listed thread", round(Math.max(0, processCpuNanos / 1e9 - listed)));
        return parts;
    }

    private static Map<String, Object> rounded(Map<String, Double> seconds) {
        Map<String, Object> rounded = new LinkedHashMap<>();
        seconds.forEach((key, value) -> rounded.put(key, round(value)));
        return rounded;
    }

    /** p50, p95, p99 and max by nearest rank, and how many values there were. */
    static Map<String, Object> percentiles(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", sorted.length);
        p.put("p50", rank(sorted, 50));
        p.put("p95", rank(sorted, 95));
        p.put("p99", rank(sorted, 99));
        p.put("max", sorted.length == 0 ? null : sorted[sorted.length - 1]);
        return p;
    }

    static Long rank(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return null;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
