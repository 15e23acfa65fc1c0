package io.storywatch.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.RawArticle;
import io.storywatch.json.Json;
import io.storywatch.runtime.StageReset;
import io.storywatch.story.StoryDefinition;
import io.storywatch.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The chaos scenarios, each on its own data directory with {@code storywatch run} (embedded broker and every stage)
 * in a process of its own: crashes at random moments, a stop in the middle of transactions, lost local state, a stage
 * replay, and hostile input. Each scenario feeds records with {@link ResumableFeed} (every record on the raw topic
 * exactly once whatever happens to the broker), waits until the pipeline is done, and checks the outcome with
 * {@link Accounting} and {@link WindowRecount}.
 */
public final class ChaosScenarios {

    private static final Duration START_LIMIT = Duration.ofMinutes(8);
    private static final double FEED_PER_SECOND = 60;
    private static final List<String> WATCHED = List.of(Topics.CLEAN.name(), Topics.SEGMENTED.name(),
            Topics.TAGGED.name(), Topics.SCORED.name(), Topics.REJECTED.name(), Topics.FAILED.name(),
            Topics.LATE.name(), Topics.FACTION_SENTIMENT.name(), Topics.ENTITY_SENTIMENT.name());

    /**
     * @param workDir    where each scenario gets its data directory
     * @param sentiment  the score stage's {@code --sentiment}
     * @param settle     how long to wait at most for the pipeline to finish a feed
     */
    public record Settings(Path workDir, String sentiment, long seed, Duration settle) {
    }

    private final Settings settings;
    private final StoryDefinition story;
    private final PrintStream progress;
    private final Random random;
    private int starts;

    public ChaosScenarios(Settings settings, StoryDefinition story, PrintStream progress) {
        this.settings = settings;
        this.story = story;
        this.progress = progress;
        this.random = new Random(settings.seed());
    }

    /** The records of a feed: {@code articles} valid articles (about 8% near-copies, 4% late) and hostile ones. */
    static List<ChaosRecord> plan(StoryDefinition story, long seed, String prefix, long firstSeq, int articles,
                                  int hostile) {
        Random random = new Random(seed);
        ChaosArticles generator = new ChaosArticles(story, seed);
        HostileRecords grammar = new HostileRecords(new ChaosArticles(story, seed + 1), seed + 2);
        List<ChaosRecord> records = new ArrayList<>();
        int valid = 0;
        int bad = 0;
        long seq = firstSeq;
        while (valid < articles || bad < hostile) {
            boolean hostileNext = bad < hostile
                    && (valid >= articles || random.nextInt(articles + hostile) < hostile);
            if (hostileNext) {
                records.add(grammar.next(seq++));
                bad++;
                continue;
            }
            String id = String.format("%s-%05d", prefix, valid);
            int dice = random.nextInt(100);
            RawArticle article;
            String kind;
            if (dice < 8 && generator.hasArticles()) {
                article = generator.nearCopy(id);
                kind = "near-copy";
            } else if (dice < 12) {
                article = generator.late(id);
                kind = "late";
            } else {
                article = generator.original(id, valid);
                kind = "article";
            }
            records.add(new ChaosRecord(seq++, id, ChaosArticles.json(article), kind, id, true, kind.equals("late")));
            valid++;
        }
        return records;
    }

    /**
     * {@code articles} valid articles and {@code hostile} hostile records stream in while {@code run} is killed with
     * SIGKILL {@code kills} times at random moments; then the last start takes the rest and the pipeline finishes.
     */
    public ChaosOutcome killNine(String name, int kills, int articles, int hostile) throws Exception {
        long began = System.nanoTime();
        Path dataDir = freshDir(name);
        List<ChaosRecord> records = plan(story, random.nextLong(), name, 0, articles, hostile);
        List<String> stops = new ArrayList<>();
        for (int round = 1; round <= kills; round++) {
            RunProcess run = start(dataDir);
            List<ChaosRecord> pending = pending(run.bootstrapServers(), records);
            int quota = (pending.size() + (kills - round + 1)) / (kills - round + 2);
            double feedSeconds = quota / FEED_PER_SECOND;
            long killAfterMillis = 500 + (long) (random.nextDouble() * (feedSeconds + 4) * 1000);
            progress.printf("%s: round %d of %d: feeding %d of %d pending records, SIGKILL in %.1f s%n", name,
                    round, kills, quota, pending.size(), killAfterMillis / 1000.0);
            FeedJob job = FeedJob.start(run.bootstrapServers(), pending.subList(0, quota), FEED_PER_SECOND);
            job.awaitCommitted(1);
            Thread.sleep(killAfterMillis);
            stops.addAll(run.stageStops());
            run.kill();
            job.stopAndJoin();
            progress.printf("%s: killed run after %d records committed in this round%n", name, job.committed());
        }
        RunProcess run = start(dataDir);
        List<ChaosRecord> pending = pending(run.bootstrapServers(), records);
        progress.printf("%s: last start: feeding the %d pending records%n", name, pending.size());
        feedAll(run.bootstrapServers(), pending);
        return finish(name, run, records, stops, List.of(), began, true);
    }

    /**
     * SIGTERM while records stream in (so transactions are open), a restart that takes the rest; then the same data
     * directory once more without its {@code state} directory, and then with a reset and replay of score and
     * aggregate. Three rows.
     */
    public List<ChaosOutcome> stopLoseStateReplay(int articles) throws Exception {
        List<ChaosOutcome> outcomes = new ArrayList<>();
        long began = System.nanoTime();
        String name = "sigterm";
        Path dataDir = freshDir("restarts");
        List<ChaosRecord> records = new ArrayList<>(plan(story, random.nextLong(), "sigterm", 0, articles, 0));
        RunProcess run = start(dataDir);
        long termAfterMillis = (long) (random.nextDouble() * records.size() / FEED_PER_SECOND * 500);
        progress.printf("%s: feeding %d records, SIGTERM %.1f s after the first 40%n", name, records.size(),
                termAfterMillis / 1e3);
        FeedJob job = FeedJob.start(run.bootstrapServers(), records, FEED_PER_SECOND);
        job.awaitCommitted(40);
        Thread.sleep(termAfterMillis);
        List<String> stops = new ArrayList<>(run.stageStops());
        List<String> checks = new ArrayList<>();
        int status = run.terminate();
        job.stopAndJoin();
        progress.printf("%s: run exited with status %d after %d records were committed%n", name, status,
                job.committed());
        if (status != 143 && status != 0) {
            checks.add("run exited with status " + status + " on SIGTERM");
        }
        run = start(dataDir);
        feedAll(run.bootstrapServers(), pending(run.bootstrapServers(), records));
        outcomes.add(finish(name, run, records, stops, checks, began, false));

        began = System.nanoTime();
        name = "state deleted";
        Snapshot before = Snapshot.of(run.bootstrapServers());
        run.terminate();
        deleteTree(dataDir.resolve("state"));
        progress.printf("%s: deleted %s, restarting%n", name, dataDir.resolve("state"));
        run = start(dataDir);
        awaitQuiet(run.bootstrapServers());
        checks = new ArrayList<>(before.differences(Snapshot.of(run.bootstrapServers()), false));
        List<ChaosRecord> more = plan(story, random.nextLong(), "after-state-loss", records.size(), articles / 4, 0);
        // copies of articles fed before the state was lost: only the rebuilt stores can tell they are copies
        List<ChaosRecord> copies = copiesOf(records, records.size() + more.size(), articles / 10);
        more.addAll(copies);
        records.addAll(more);
        feedAll(run.bootstrapServers(), more);
        ChaosOutcome lost = finish(name, run, records, List.of(), checks, began, false);
        int copiesMarked = copiesMarked(run.bootstrapServers(), copies);
        if (copiesMarked < copies.size()) {
            lost = lost.withFailedCheck(copiesMarked + " of " + copies.size() + " exact copies of articles from before the state was "
                    + "deleted were marked as copies");
        }
        outcomes.add(lost);

        began = System.nanoTime();
        name = "reset and replay";
        before = Snapshot.of(run.bootstrapServers());
        run.terminate();
        run = start(dataDir, "--stages", "ingest,segment,tag");
        List<String> resetStages = List.of("score", "aggregate");
        try (Admin admin = admin(run.bootstrapServers())) {
            StageReset reset = new StageReset(admin, dataDir.resolve("state"));
            for (String stage : resetStages) {
                reset.execute(reset.plan(stage));
            }
        }
        progress.printf("%s: reset %s, replaying%n", name, resetStages);
        run.terminate();
        run = start(dataDir);
        awaitQuiet(run.bootstrapServers());
        Snapshot after = Snapshot.of(run.bootstrapServers());
        checks = new ArrayList<>(before.differences(after, true));
        stops = new ArrayList<>(run.stageStops());
        int status2 = run.terminate();
        if (status2 != 143 && status2 != 0) {
            checks.add("run exited with status " + status2 + " on SIGTERM");
        }
        int replayed = 0;
        int missing = 0;
        int twice = 0;
        for (Map.Entry<String, Integer> entry : before.scoredCounts().entrySet()) {
            int now = after.scoredCounts().getOrDefault(entry.getKey(), 0);
            if (now == entry.getValue() + 1) {
                replayed++;
            } else if (now <= entry.getValue()) {
                missing++;
            } else {
                twice++;
            }
        }
        outcomes.add(new ChaosOutcome(name, records.size(), replayed, 0, 0, missing, twice, stops.size(),
                after.windows().size(), before.windowsDiffer(after), checks,
                List.of("replayed " + resetStages + "; scored = articles the replay wrote again, windows = window "
                        + "keys compared with the records before the reset"), seconds(began)));
        return outcomes;
    }

    /** Starts {@code run} on the data directory and waits until every stage runs. */
    private RunProcess start(Path dataDir, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--sentiment", settings.sentiment()));
        args.addAll(List.of(extra));
        RunProcess run = RunProcess.start(dataDir, ++starts, args);
        long began = System.nanoTime();
        run.awaitRunning(START_LIMIT);
        progress.printf("  run started in %d s (%s)%s%n", seconds(began), run.stderrFile().getFileName(),
                run.hangingTransactionsAborted() == 0 ? ""
                        : "; the broker ended " + run.hangingTransactionsAborted()
                                + " partition transactions the crash left hanging");
        return run;
    }

    /** Fences any earlier feeder and returns the records the raw topic does not hold yet. */
    private static List<ChaosRecord> pending(String bootstrapServers, List<ChaosRecord> records)
            throws InterruptedException {
        try (ResumableFeed fence = new ResumableFeed(bootstrapServers)) {
            Set<Long> committed = ResumableFeed.committedSeqs(bootstrapServers);
            return records.stream().filter(r -> !committed.contains(r.seq())).toList();
        }
    }

    private void feedAll(String bootstrapServers, List<ChaosRecord> records) throws InterruptedException {
        try (ResumableFeed feed = new ResumableFeed(bootstrapServers)) {
            feed.feed(records, 4 * FEED_PER_SECOND, () -> false);
        }
    }

    /** Waits for the pipeline to finish, checks it, stops it with SIGTERM. */
    private ChaosOutcome finish(String name, RunProcess run, List<ChaosRecord> records, List<String> earlierStops,
                                List<String> checks, long began, boolean stop) throws Exception {
        String bootstrap = run.bootstrapServers();
        Accounting accounting = settle(name, bootstrap, records);
        WindowRecount recount = WindowRecount.of(bootstrap, ChaosArticles.STREAM_START);
        List<String> stops = new ArrayList<>(earlierStops);
        stops.addAll(run.stageStops());
        List<String> details = new ArrayList<>();
        accounting.problems().forEach(p -> details.add("problem: " + p));
        recount.examples().forEach(e -> details.add("window differs: " + e));
        stops.forEach(s -> details.add("stage stopped: " + s));
        accounting.rejectedByCode().forEach((code, n) -> details.add("rejected " + code + ": " + n));
        accounting.failedByStage().forEach((stage, n) -> details.add("failed in " + stage + ": " + n));
        details.add("windows: " + recount.articles() + " originals recounted, " + recount.late()
                + " articles on news.articles.late");
        List<String> allChecks = new ArrayList<>(checks);
        if (!run.isAlive()) {
            allChecks.add("run exited by itself");
        }
        if (stop) {
            int status = run.terminate();
            if (status != 143 && status != 0) {
                allChecks.add("run exited with status " + status + " on SIGTERM");
            }
        }
        ChaosOutcome outcome = new ChaosOutcome(name, accounting.records(), accounting.scored(),
                accounting.rejected(), accounting.failed(), accounting.lost(), accounting.duplicated(), stops.size(),
                recount.windows(), recount.differ(), allChecks, details, seconds(began));
        progress.printf("%s: %s%n", name, outcome.passed() ? "passed" : "FAILED");
        if (!outcome.passed()) {
            outcome.checks().forEach(c -> progress.println("  failed check: " + c));
            outcome.details().forEach(d -> progress.println("  " + d));
        }
        return outcome;
    }

    /** Waits until every record has an outcome and the topics have been still for a while, or the time is up. */
    private Accounting settle(String name, String bootstrapServers, List<ChaosRecord> records) throws Exception {
        long deadline = System.nanoTime() + settings.settle().toNanos();
        Accounting accounting;
        while (true) {
            awaitQuiet(bootstrapServers);
            accounting = Accounting.of(bootstrapServers, records);
            int done = accounting.scored() + accounting.rejected() + accounting.failed() + accounting.duplicated();
            progress.printf("%s: %d of %d records have their outcome%n", name, done, records.size());
            if (accounting.lost() == 0 || System.nanoTime() > deadline) {
                return accounting;
            }
        }
    }

    /** Waits until the pipeline's topics have not grown for 10 seconds. */
    private static void awaitQuiet(String bootstrapServers) throws InterruptedException {
        long last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() - stillSince < 10_000_000_000L) {
            long now = TopicRecords.endOffsetSum(bootstrapServers, WATCHED);
            if (now != last) {
                last = now;
                stillSince = System.nanoTime();
            }
            Thread.sleep(1000);
        }
    }

    /** Exact copies (same title and body, new id and source) of some valid originals among {@code records}. */
    private List<ChaosRecord> copiesOf(List<ChaosRecord> records, long firstSeq, int count) {
        List<ChaosRecord> originals = records.stream().filter(r -> r.kind().equals("article")).toList();
        List<ChaosRecord> copies = new ArrayList<>();
        for (int i = 0; i < count && i < originals.size(); i++) {
            ChaosRecord original = originals.get(random.nextInt(originals.size()));
            RawArticle article = io.storywatch.json.Json.fromBytes(original.value(), RawArticle.class);
            String id = "copy-" + i + "-of-" + original.id();
            RawArticle copy = new RawArticle(id, article.title(), article.body(), article.publishedAt(), "转载网",
                    "https://chaos.example.com/" + id, article.language());
            copies.add(new ChaosRecord(firstSeq + i, id, ChaosArticles.json(copy), "exact-copy", id, true, false));
        }
        return copies;
    }

    private static int copiesMarked(String bootstrapServers, List<ChaosRecord> copies) {
        Set<String> ids = new HashSet<>();
        copies.forEach(c -> ids.add(c.id()));
        int marked = 0;
        for (TopicRecords.Rec rec : TopicRecords.read(bootstrapServers, Topics.SCORED.name())) {
            if (ids.contains(rec.key()) && io.storywatch.json.Json.tree(rec.valueText()).hasNonNull("duplicateOf")) {
                marked++;
            }
        }
        return marked;
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    private Path freshDir(String name) throws IOException {
        Path dir = settings.workDir().resolve(name.replaceAll("[^A-Za-z0-9-]", "-"));
        deleteTree(dir);
        Files.createDirectories(dir);
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static long seconds(long began) {
        return (System.nanoTime() - began) / 1_000_000_000L;
    }

    /** A feed in a thread of its own, which ends when the broker goes away. */
    private static final class FeedJob {
        private final Thread thread;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<ResumableFeed> feed = new AtomicReference<>();

        private FeedJob(String bootstrapServers, List<ChaosRecord> records, double perSecond) {
            thread = new Thread(() -> {
                try (ResumableFeed f = new ResumableFeed(bootstrapServers)) {
                    feed.set(f);
                    f.feed(records, perSecond, stop::get);
                } catch (Exception e) {
                    // the broker was killed under the feed: the next start resumes it
                }
            }, "chaos-feed");
            thread.setDaemon(true);
        }

        static FeedJob start(String bootstrapServers, List<ChaosRecord> records, double perSecond) {
            FeedJob job = new FeedJob(bootstrapServers, records, perSecond);
            job.thread.start();
            return job;
        }

        /** Waits (two minutes at most) until {@code records} are committed or the feed has ended. */
        void awaitCommitted(long records) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (committed() < records && thread.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        long committed() {
            ResumableFeed f = feed.get();
            return f == null ? 0 : f.committed();
        }

        void stopAndJoin() throws InterruptedException {
            stop.set(true);
            thread.join(60_000);
        }
    }

    /** The latest scored record per article and the latest record per window key, with record counts per article. */
    record Snapshot(Map<String, String> scored, Map<String, Integer> scoredCounts, Map<String, String> windows) {

        static Snapshot of(String bootstrapServers) {
            Map<String, String> scored = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (TopicRecords.Rec rec : TopicRecords.read(bootstrapServers, Topics.SCORED.name())) {
                scored.put(rec.key(), rec.valueText());
                counts.merge(rec.key(), 1, Integer::sum);
            }
            Map<String, String> windows = new HashMap<>();
            for (String topic : List.of(Topics.FACTION_SENTIMENT.name(), Topics.ENTITY_SENTIMENT.name(),
                    Topics.STORY_COVERAGE.name())) {
                for (TopicRecords.Rec rec : TopicRecords.read(bootstrapServers, topic)) {
                    windows.put(topic + " " + rec.key(), rec.valueText());
                }
            }
            return new Snapshot(scored, counts, windows);
        }

        /** Window keys whose latest record is not the same in {@code later} (or is missing there, or new). */
        int windowsDiffer(Snapshot later) {
            int differ = 0;
            for (Map.Entry<String, String> entry : windows.entrySet()) {
                if (!entry.getValue().equals(later.windows().get(entry.getKey()))) {
                    differ++;
                }
            }
            for (String key : later.windows().keySet()) {
                if (!windows.containsKey(key)) {
                    differ++;
                }
            }
            return differ;
        }

        /**
         * What changed from this snapshot to {@code later}: a scored article or window that differs or is missing;
         * unless {@code replayed}, also any scored article written again.
         */
        List<String> differences(Snapshot later, boolean replayed) {
            List<String> differences = new ArrayList<>();
            int scoredDiffer = 0;
            for (Map.Entry<String, String> entry : scored.entrySet()) {
                if (!entry.getValue().equals(later.scored().get(entry.getKey()))) {
                    scoredDiffer++;
                }
            }
            if (scoredDiffer > 0) {
                differences.add("scored: " + scoredDiffer + " articles' latest records differ");
            }
            if (!replayed && !scoredCounts.equals(later.scoredCounts())) {
                differences.add("scored: articles were written again");
            }
            int windowsDiffer = 0;
            String example = null;
            for (Map.Entry<String, String> entry : windows.entrySet()) {
                if (!entry.getValue().equals(later.windows().get(entry.getKey()))) {
                    windowsDiffer++;
                    example = example == null
                            ? entry.getKey() + " " + fieldsThatDiffer(entry.getValue(), later.windows().get(entry.getKey()))
                            : example;
                }
            }
            if (windowsDiffer > 0 || later.windows().size() != windows.size()) {
                differences.add("windows: " + windowsDiffer + " of " + windows.size() + " latest records differ ("
                        + later.windows().size() + " keys now), e.g. " + example);
            }
            return differences;
        }

        /** The top-level fields of two JSON records that differ, as {@code field: before -> after}, shortened. */
        static String fieldsThatDiffer(String before, String after) {
            if (after == null) {
                return "(missing now)";
            }
            try {
                JsonNode was = Json.mapper().readTree(before);
                JsonNode now = Json.mapper().readTree(after);
                List<String> fields = new ArrayList<>();
                was.fieldNames().forEachRemaining(field -> {
                    if (!was.get(field).equals(now.get(field))) {
                        fields.add(field + ": " + shorten(was.get(field)) + " -> " + shorten(now.get(field)));
                    }
                });
                return fields.toString();
            } catch (IOException e) {
                return "(not JSON)";
            }
        }

        private static String shorten(JsonNode node) {
            String text = String.valueOf(node);
            return text.length() <= 160 ? text : text.substring(0, 160) + "…";
        }
    }
}
