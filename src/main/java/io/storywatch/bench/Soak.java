package io.storywatch.bench;

import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.stage.ingest.NearDuplicateSettings;
import io.storywatch.stage.ingest.SimHash;
import io.storywatch.story.Stories;
import io.storywatch.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A year of news through the whole pipeline: articles published over 365 days of event time, sent in random date
 * order in slices, each slice measured once every stage has caught up with it: CPU per article, broker records per
 * article, near-duplicate candidates per article, the heap left after a full collection, the size of the stages'
 * state and of the broker's data, and the share of articles the aggregate sent to {@code news.articles.late}.
 *
 * <p>A share of the articles ({@code copyShare}) are copies of an earlier article of the run (its body with a short
 * tag appended, which keeps the SimHash within the near-duplicate distance), published up to three days after it,
 * so that near-duplicate detection has something to find.
 */
public final class Soak {

    /** The soak's year of event time: wholly in the past, so ingest re-dates nothing. */
    static final Instant YEAR_FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final String COPY_TAG = "（完）";
    private static final Duration COPY_WITHIN = Duration.ofDays(3);
    private static final Duration SETTLED_FOR = Duration.ofSeconds(3);
    private static final String NEAR_DUPLICATE_MBEAN = "io.storywatch:type=NearDuplicateIndex";

    /**
     * @param articles articles in all, copies included
     * @param slice articles per measured slice
     * @param days days of event time the articles are published over
     * @param copyShare share of the articles that are near copies of an earlier one
     * @param sentiment the score stage's {@code --sentiment}
     */
    public record Options(int articles, int slice, int days, double copyShare, String sentiment, long seed,
                          List<String> jvmArgs, List<String> runArgs, Path dataDir, boolean keepData,
                          Duration sliceTimeout) {
    }

    private final Options options;
    private final Consumer<String> progress;

    public Soak(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs the whole soak and returns its figures, one entry per slice under {@code slices}. */
    public Map<String, Object> run() throws IOException, InterruptedException, ExecutionException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("startedAt", Instant.now().toString());
        figures.put("loadAverageAtStart", LoadAverage.read());
        figures.put("cpus", Runtime.getRuntime().availableProcessors());
        progress.accept("generating " + options.articles() + " articles over " + options.days() + " days ...");
        List<BenchArticle> articles = articles();
        long copiesWithinDistance = copiesWithinDistance(articles);
        figures.put("corpus", Map.of("articles", articles.size(), "days", options.days(), "seed", options.seed(),
                "copies", copies(articles), "copiesWithinDistance", copiesWithinDistance,
                "from", YEAR_FROM.toString()));

        Path dataDir = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("storywatch-soak-");
        List<String> runArgs = new ArrayList<>(List.of("--http-port", "0", "--sentiment", options.sentiment()));
        runArgs.addAll(options.runArgs());
        figures.put("pipeline", Map.of("jvmArgs", options.jvmArgs(), "runArgs", runArgs));
        List<Map<String, Object>> slices = new ArrayList<>();
        figures.put("slices", slices);
        progress.accept("starting the pipeline (" + String.join(" ", runArgs) + ") in " + dataDir);
        try (PipelineProcess process = PipelineProcess.start(dataDir, options.jvmArgs(), runArgs)) {
            String bootstrap = process.awaitRunning(Duration.ofMinutes(5));
            progress.accept("pipeline running (pid " + process.pid() + ", " + bootstrap + ")");
            try (PipelineProbe probe = new PipelineProbe(bootstrap); Admin admin = admin(bootstrap)) {
                long sent = 0;
                long scoredBefore = probe.counts().scored();
                for (int from = 0; from < articles.size(); from += options.slice()) {
                    List<BenchArticle> slice = articles.subList(from,
                            Math.min(articles.size(), from + options.slice()));
                    Snapshot before = Snapshot.take(process);
                    long duplicatesBefore = probe.counts().duplicatesMarked();
                    long started = System.nanoTime();
                    probe.sendAll(slice);
                    sent += slice.size();
                    boolean complete = awaitScored(probe, scoredBefore + sent, process)
                            && awaitCaughtUp(admin, process);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    Snapshot after = Snapshot.take(process);
                    long liveHeap = process.liveHeapBytes();
                    Map<String, Object> figure = sliceFigures(slices.size() + 1, from, slice.size(), before, after);
                    figure.put("complete", complete);
                    figure.put("seconds", Benchmark.round(seconds));
                    figure.put("nearDuplicatesMarked", probe.counts().duplicatesMarked() - duplicatesBefore);
                    figure.put("liveHeapAfterFullGcBytes", liveHeap);
                    figure.put("stateDirBytes", size(dataDir.resolve("state")));
                    figure.put("brokerDataBytes", size(dataDir.resolve("kafka")));
                    figure.put("loadAverage", LoadAverage.read());
                    slices.add(figure);
                    progress.accept(SoakSummary.line(figure));
                    if (!complete || !process.isAlive()) {
                        progress.accept("stopping early: the slice did not complete; see " + process.stderrFile());
                        break;
                    }
                }
            }
            progress.accept("stopping the pipeline ...");
        } finally {
            if (!options.keepData() && options.dataDir() == null) {
                deleteRecursively(dataDir);
            }
        }
        figures.put("loadAverageAtEnd", LoadAverage.read());
        return figures;
    }

    /** What a slice cost, from the two snapshots around it. */
    private static Map<String, Object> sliceFigures(int number, int from, int count, Snapshot before, Snapshot after) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("slice", number);
        f.put("firstArticle", from + 1);
        f.put("articles", count);
        f.put("cpuMsPerArticle", Benchmark.round((after.cpuNanos - before.cpuNanos) / 1e6 / count));
        Map<String, Double> byTopic = after.broker == null || before.broker == null ? Map.of()
                : after.broker.recordsPerArticleSince(before.broker, count);
        boolean counted = !byTopic.isEmpty(); // else the broker's meters could not be read
        f.put("brokerRecordsPerArticle", counted
                ? Benchmark.round(byTopic.values().stream().mapToDouble(d -> d).sum()) : null);
        f.put("ingestRecordsPerArticle", counted ? Benchmark.round(byTopic.entrySet().stream()
                .filter(e -> e.getKey().startsWith("storywatch-ingest-")).mapToDouble(Map.Entry::getValue).sum())
                : null);
        f.put("lateShare", counted ? Benchmark.round(byTopic.getOrDefault(Topics.LATE.name(), 0.0)) : null);
        Map<String, Object> rounded = new LinkedHashMap<>();
        byTopic.forEach((topic, perArticle) -> rounded.put(topic, Benchmark.round(perArticle)));
        f.put("brokerRecordsPerArticleByTopic", rounded);
        long lookedUp = after.nearDuplicates.getOrDefault("ArticlesLookedUp", 0L)
                - before.nearDuplicates.getOrDefault("ArticlesLookedUp", 0L);
        long candidates = after.nearDuplicates.getOrDefault("Candidates", 0L)
                - before.nearDuplicates.getOrDefault("Candidates", 0L);
        f.put("nearDuplicateCandidatesPerArticle",
                lookedUp == 0 ? null : Benchmark.round(candidates / (double) lookedUp));
        f.put("nearDuplicateOriginalsStored", after.nearDuplicates.get("OriginalsStored"));
        return f;
    }

    /** Cumulative counters of the pipeline at one moment. */
    private record Snapshot(long cpuNanos, BrokerCounters broker, Map<String, Long> nearDuplicates) {

        /** Asks the broker's meters up to three times: over JMX on a loaded machine one ask may time out. */
        static Snapshot take(PipelineProcess process) throws InterruptedException {
            long cpu = process.cpuNanos();
            BrokerCounters broker = process.brokerCounters();
            for (int retry = 0; broker == null && retry < 2 && process.isAlive(); retry++) {
                Thread.sleep(1000);
                broker = process.brokerCounters();
            }
            return new Snapshot(cpu, broker, process.counters(NEAR_DUPLICATE_MBEAN));
        }
    }

    /** The soak's articles in sending order: originals in random date order, each copy some time after its original. */
    List<BenchArticle> articles() {
        int copies = (int) Math.round(options.articles() * options.copyShare());
        int originals = options.articles() - copies;
        List<BenchArticle> made = BenchCorpus.fromSamples(Stories.defaultStory()).articles("soak", originals,
                options.seed(), YEAR_FROM, Duration.ofDays(options.days()), false, List.of());
        Random random = new Random(options.seed() + 1);
        Instant yearEnd = YEAR_FROM.plus(Duration.ofDays(options.days()));
        Map<BenchArticle, Double> position = new HashMap<>();
        List<BenchArticle> all = new ArrayList<>(made);
        for (int i = 0; i < made.size(); i++) {
            position.put(made.get(i), (double) i);
        }
        for (int c = 0; c < copies; c++) {
            int of = random.nextInt(made.size());
            BenchArticle original = made.get(of);
            Instant published = Instant.parse(original.raw().publishedAt())
                    .plusSeconds((long) (random.nextDouble() * COPY_WITHIN.toSeconds()));
            if (published.isAfter(yearEnd)) {
                published = yearEnd;
            }
            BenchArticle copy = original.renamed(String.format("soak-copy-%05d", c), published);
            copy = new BenchArticle(new io.storywatch.event.RawArticle(copy.raw().id(), copy.raw().title(),
                    copy.raw().body() + COPY_TAG, copy.raw().publishedAt(), copy.raw().source(), copy.raw().url(),
                    copy.raw().language()), copy.sentenceIndexes());
            position.put(copy, of + random.nextDouble() * (made.size() - of));
            all.add(copy);
        }
        all.sort(Comparator.comparingDouble(position::get));
        return all;
    }

    private static long copies(List<BenchArticle> articles) {
        return articles.stream().filter(a -> a.raw().id().startsWith("soak-copy-")).count();
    }

    /** Copies whose fingerprint lies within the default near-duplicate distance of their original's. */
    private static long copiesWithinDistance(List<BenchArticle> articles) {
        NearDuplicateSettings settings = NearDuplicateSettings.defaults();
        return articles.stream().filter(a -> a.raw().id().startsWith("soak-copy-"))
                .filter(a -> {
                    String body = a.raw().body();
                    String original = body.substring(0, body.length() - COPY_TAG.length());
                    return SimHash.distance(SimHash.of(body, settings.shingleLength()),
                            SimHash.of(original, settings.shingleLength())) <= settings.maxDistance();
                }).count();
    }

    /** Waits until the pipeline has scored {@code target} articles; false when no progress for a slice timeout. */
    private boolean awaitScored(PipelineProbe probe, long target, PipelineProcess process) throws InterruptedException {
        long lastScored = -1;
        long lastProgressAt = System.nanoTime();
        long nextLine = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long scored = probe.counts().scored();
            if (scored >= target) {
                return true;
            }
            long now = System.nanoTime();
            if (scored != lastScored) {
                lastScored = scored;
                lastProgressAt = now;
            } else if (now - lastProgressAt > options.sliceTimeout().toNanos() || !process.isAlive()) {
                progress.accept("no article scored for " + options.sliceTimeout().toSeconds() + " s: " + scored
                        + " of " + target);
                return false;
            }
            if (now > nextLine) {
                PipelineProcess.Memory memory = process.memory();
                progress.accept(String.format("scored %d of %d; pipeline heap %d MiB, RSS %d MiB; load %s", scored,
                        target, memory.heapUsedLast() >> 20, memory.rssKbLast() / 1024, LoadAverage.read()));
                nextLine = now + 10_000_000_000L;
            }
            Thread.sleep(200);
        }
    }

    /**
     * Waits until every stage's consumer group has committed all of its input (at most the one transaction marker
     * behind the end of each partition) and nothing moved for a few seconds: then the aggregate has counted the
     * slice and written what it publishes.
     */
    private boolean awaitCaughtUp(Admin admin, PipelineProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + options.sliceTimeout().toNanos();
        Map<TopicPartition, Long> previous = Map.of();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            long lag = 0;
            try {
                for (String stage : PipelineFactory.standard().stageNames()) {
                    Map<TopicPartition, OffsetAndMetadata> offsets = admin
                            .listConsumerGroupOffsets("storywatch-" + stage).partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    offsets.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest)
                            .all().get();
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                        long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                        committed.put(entry.getKey(), at);
                        lag += Math.max(0, ends.get(entry.getKey()).offset() - at - 1);
                    }
                }
            } catch (ExecutionException e) {
                progress.accept("cannot read the stages' offsets: " + e.getCause());
                Thread.sleep(1000);
                continue;
            }
            long now = System.nanoTime();
            if (lag > 0 || !committed.equals(previous)) {
                stableSince = now;
            } else if (now - stableSince >= SETTLED_FOR.toNanos()) {
                return true;
            }
            previous = committed;
            Thread.sleep(500);
        }
        progress.accept("the stages did not catch up within " + options.sliceTimeout().toSeconds() + " s");
        return false;
    }

    private static Admin admin(String bootstrap) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "storywatch-soak-admin");
        return Admin.create(config);
    }

    /** Disk space a directory takes ({@code du -sk}: allocated blocks, so preallocated index files count as used). */
    static long size(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try {
            Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(false).start();
            String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            du.waitFor();
            return Long.parseLong(out.trim().split("\\s+")[0]) * 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = new ArrayList<>(walk.toList());
        }
        paths.sort(Comparator.reverseOrder());
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
