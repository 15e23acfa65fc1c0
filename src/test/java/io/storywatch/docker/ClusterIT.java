package io.storywatch.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.bench.PipelineProbe;
import io.storywatch.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docker-compose.cluster.yml: three KRaft brokers, two storywatch instances sharing every stage. Articles are fed
 * while one instance is killed and while one broker is stopped and started again; each scenario ends with every
 * article exactly once on news.articles.scored and the window records adding up to a recount of the scored articles.
 *
 * <p>The suite runs it with {@code STORYWATCH_CLUSTER_ARTICLES} articles per scenario (default 200), scripts/cluster
 * with 2,000 and the takeover target; instances score with {@code STORYWATCH_CLUSTER_SENTIMENT} (default rules).
 */
@LocalDocker.Images({"kafka", "storywatch"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final int ARTICLES = Integer.parseInt(setting("STORYWATCH_CLUSTER_ARTICLES", "200"));
    static final String SENTIMENT = setting("STORYWATCH_CLUSTER_SENTIMENT", "rules");
    /**
     * The takeover target (issue 15: 30 s), checked only where STORYWATCH_CLUSTER_TAKEOVER_LIMIT_S says so
     * (scripts/cluster): the suite times nothing, it prints the figure and requires the takeover itself.
     */
    static final String TAKEOVER_LIMIT_S = setting("STORYWATCH_CLUSTER_TAKEOVER_LIMIT_S", "");
    static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(Math.max(5, ARTICLES / 100));

    static StoryWatchCluster cluster;
    static PipelineProbe probe;
    static Map<String, Map<String, Set<String>>> split;

    @BeforeAll
    static void startCluster() throws InterruptedException {
        cluster = new StoryWatchCluster(SENTIMENT, ClusterIT::say);
        try {
            split = cluster.awaitSplit(Duration.ofMinutes(5));
            say("tasks per stage and instance: " + split);
            probe = cluster.probe();
        } catch (RuntimeException | Error | InterruptedException e) {
            dumpLogs();
            cluster.close();
            cluster = null;
            throw e;
        }
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (probe != null) {
            probe.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void shouldCreateEveryTopicOfTopicsFolderWithThreeReplicasAndTwoInSync() throws Exception {
        Set<String> names = TopicCatalog.fromClasspath().specs().stream().map(s -> s.name())
                .collect(Collectors.toCollection(TreeSet::new));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap))) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            for (TopicDescription topic : topics.values()) {
                topic.partitions().forEach(p -> assertEquals(3, p.replicas().size(), topic.name()));
            }
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (Map.Entry<ConfigResource, Config> config : configs.entrySet()) {
                assertEquals("2", config.getValue().get("min.insync.replicas").value(), config.getKey().name());
            }
        }
    }

    @Test
    @Order(2)
    void shouldSplitEveryStageBetweenTheTwoInstances() {
        for (String stage : StoryWatchCluster.STAGES) {
            Map<String, Set<String>> byInstance = split.get(stage);
            assertEquals(2, byInstance.size(), stage);
            byInstance.forEach((instance, tasks) -> assertTrue(!tasks.isEmpty(), stage + " on " + instance));
        }
    }

    @Test
    @Order(3)
    void shouldHandAKilledInstancesTasksToTheOtherLosingAndDuplicatingNothing()
            throws Exception {
        List<BenchArticle> articles = cluster.articles("cluster-kill", ARTICLES);
        String victim = "storywatch-2";
        String survivor = "storywatch-1";
        String victimId = cluster.container(victim);
        // kill -9 and stay down (compose would restart it, and under its own name it would take its tasks back)
        StoryWatchCluster.docker("update", "--restart=no", victimId);
        long scoredBefore = probe.counts().scored();
        CompletableFuture<PipelineProbe.Throughput> burst = burst(articles);
        try {
            killAndAwaitTakeover(victimId, victim, survivor, scoredBefore, burst);
        } finally {
            // a failed scenario's articles must not run into the next one's
            burst.join();
        }
        assertExactlyOnceAndRecounted(articles, burst.get());

        StoryWatchCluster.docker("update", "--restart=unless-stopped", victimId);
        StoryWatchCluster.docker("start", victimId);
        split = cluster.awaitSplit(Duration.ofMinutes(3));
        say("after " + victim + " came back: " + split);
    }

    private static void killAndAwaitTakeover(String victimId, String victim, String survivor, long scoredBefore,
                                             CompletableFuture<PipelineProbe.Throughput> burst)
            throws InterruptedException {
        awaitOrFail(() -> probe.counts().scored() - scoredBefore >= ARTICLES / 4, burst, "a quarter scored");
        Instant killed = Instant.now();
        StoryWatchCluster.docker("kill", "--signal=KILL", victimId);
        say("killed " + victim + " at " + killed + " with " + (probe.counts().scored() - scoredBefore) + " of "
                + ARTICLES + " scored");

        Duration takeover = awaitTakeover(survivor, killed);
        say(String.format("takeover: %s runs every task of every stage %.1f s after the kill", survivor,
                takeover.toMillis() / 1000.0));
        if (!TAKEOVER_LIMIT_S.isEmpty()) {
            assertTrue(takeover.compareTo(Duration.ofSeconds(Long.parseLong(TAKEOVER_LIMIT_S))) <= 0,
                    "takeover took " + takeover + ", over the target of " + TAKEOVER_LIMIT_S + " s");
        }
    }

    @Test
    @Order(4)
    void shouldLoseNothingWhileOneBrokerIsStoppedAndStartedAgain() throws Exception {
        List<BenchArticle> articles = cluster.articles("cluster-broker", ARTICLES);
        long scoredBefore = probe.counts().scored();
        CompletableFuture<PipelineProbe.Throughput> burst = burst(articles);
        try {
            stopAndStartBroker(scoredBefore, burst);
        } finally {
            burst.join();
        }
        assertExactlyOnceAndRecounted(articles, burst.get());
    }

    private static void stopAndStartBroker(long scoredBefore, CompletableFuture<PipelineProbe.Throughput> burst)
            throws InterruptedException {
        awaitOrFail(() -> probe.counts().scored() - scoredBefore >= ARTICLES / 4, burst, "a quarter scored");
        say("stopping kafka-2 with " + (probe.counts().scored() - scoredBefore) + " of " + ARTICLES + " scored");
        cluster.compose.run(Duration.ofMinutes(2), "stop", "kafka-2");
        awaitOrFail(() -> probe.counts().scored() - scoredBefore >= ARTICLES / 2, burst, "half scored");
        say("starting kafka-2 again with " + (probe.counts().scored() - scoredBefore) + " scored");
        cluster.compose.run(Duration.ofMinutes(2), "start", "kafka-2");
    }

    private static CompletableFuture<PipelineProbe.Throughput> burst(List<BenchArticle> articles) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return probe.burst(articles, SCENARIO_TIMEOUT, ClusterIT::say, () -> "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits for {@code condition}; fails when the burst ended first or the scenario's time ran out. */
    private static void awaitOrFail(BooleanSupplier condition, CompletableFuture<?> burst, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + SCENARIO_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline && !burst.isDone(), "never reached: " + what);
            Thread.sleep(100);
        }
    }

    /** From the kill until the survivor logged every stage running all of that stage's tasks (within 3 minutes). */
    private static Duration awaitTakeover(String survivor, Instant killed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, StoryWatchCluster.Assignment> now = cluster.assignments(survivor);
            Instant last = killed;
            boolean all = true;
            for (String stage : StoryWatchCluster.STAGES) {
                Set<String> every = split.get(stage).values().stream().flatMap(Set::stream)
                        .collect(Collectors.toCollection(TreeSet::new));
                StoryWatchCluster.Assignment a = now.get(stage);
                if (a == null || a.at().isBefore(killed) || !a.tasks().equals(every)) {
                    all = false;
                    break;
                }
                last = a.at().isAfter(last) ? a.at() : last;
            }
            if (all) {
                return Duration.between(killed, last);
            }
            Thread.sleep(500);
        }
        throw new AssertionError(survivor + " did not take over every task within 3 minutes: "
                + cluster.assignments(survivor));
    }

    private static void assertExactlyOnceAndRecounted(List<BenchArticle> articles, PipelineProbe.Throughput result) {
        Set<String> ids = articles.stream().map(a -> a.raw().id()).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Long> counts = cluster.scoredCounts(ids, Duration.ofMinutes(2));
        Map<String, Long> once = new TreeMap<>();
        ids.forEach(id -> once.put(id, 1L));
        Map<String, Long> wrong = new TreeMap<>();
        once.forEach((id, one) -> {
            long n = counts.getOrDefault(id, 0L);
            if (n != 1) {
                wrong.put(id, n);
            }
        });
        say(String.format("%d articles: %d scored exactly once, %d lost, %d written more than once; window reach "
                        + "%d, recount of the scored articles %d; %.1f articles/s", ids.size(),
                ids.size() - wrong.size(), wrong.values().stream().filter(n -> n == 0).count(),
                wrong.values().stream().filter(n -> n > 1).count(), result.reach(), result.expectedReach(),
                result.articlesPerSecond()));
        assertEquals(Map.of(), wrong, "articles not scored exactly once (id=times)");
        assertTrue(result.complete(), "the window records never added up to the scored articles");
        assertEquals(result.expectedReach(), result.reach(),
                "sum of reach over the latest window records = recount from the scored articles");
    }

    private static void dumpLogs() {
        try {
            System.err.println(cluster.compose.run(Duration.ofMinutes(1), "logs", "--no-color", "--tail", "100"));
        } catch (RuntimeException e) {
            System.err.println("no logs: " + e);
        }
    }

    static void say(String line) {
        System.out.println("cluster: " + line);
        System.out.flush();
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
