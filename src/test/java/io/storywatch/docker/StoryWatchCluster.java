package io.storywatch.docker;

import io.storywatch.bench.BenchCorpus;
import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.bench.PipelineProbe;
import io.storywatch.story.Stories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * docker-compose.cluster.yml brought up with the local images: three KRaft brokers and two storywatch instances,
 * observed from the host (the brokers' published ports, each instance's log, each container's CPU time).
 */
final class StoryWatchCluster implements AutoCloseable {

    static final List<String> INSTANCES = List.of("storywatch-1", "storywatch-2");
    static final List<String> STAGES = List.of("ingest", "segment", "tag", "score", "aggregate");
    private static final Pattern TASKS = Pattern.compile(
            "^(\\S+) .*stage (\\S+) runs tasks \\[([^]]*)] here");
    private static final Instant ARTICLES_FROM = Instant.parse("2024-05-20T00:00:00Z");
    private static final Duration ARTICLES_SPREAD = Duration.ofDays(6);

    final Compose compose;
    final String bootstrap;
    private final BenchCorpus corpus = BenchCorpus.fromSamples(Stories.defaultStory());
    private final List<BenchArticle> made = new ArrayList<>();
    private final Consumer<String> progress;
    private final Map<String, String> containers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Starts the cluster, its instances scoring with {@code --sentiment sentiment}. */
    StoryWatchCluster(String sentiment, Consumer<String> progress) {
        this.progress = progress;
        int[] ports = {Compose.freePort(), Compose.freePort(), Compose.freePort()};
        bootstrap = "localhost:" + ports[0] + ",localhost:" + ports[1] + ",localhost:" + ports[2];
        compose = new Compose("storywatch-cluster-" + ProcessHandle.current().pid(), "docker-compose.cluster.yml",
                Map.of("KAFKA_1_HOST_PORT", Integer.toString(ports[0]),
                        "KAFKA_2_HOST_PORT", Integer.toString(ports[1]),
                        "KAFKA_3_HOST_PORT", Integer.toString(ports[2]),
                        "SENTIMENT", sentiment));
        progress.accept("starting docker-compose.cluster.yml (three brokers, two instances) ...");
        try {
            compose.run(Duration.ofMinutes(15), "up", "-d", "--no-build");
        } catch (RuntimeException e) {
            System.err.println(compose.run(Duration.ofMinutes(1), "logs", "--no-color", "--tail", "60"));
            compose.close();
            throw e;
        }
    }

    /** Articles not made before, each a distinct story text, ids {@code PREFIX-00000}... */
    List<BenchArticle> articles(String prefix, int count) {
        List<BenchArticle> articles = corpus.articles(prefix, count, prefix.hashCode(), ARTICLES_FROM,
                ARTICLES_SPREAD, false, made);
        made.addAll(articles);
        return articles;
    }

    /** A service's container; stopping and starting it keeps it. */
    String container(String service) {
        return containers.computeIfAbsent(service, compose::containerId);
    }

    /** docker with these arguments. */
    static String docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        return Compose.exec(command, Map.of(), Duration.ofMinutes(2));
    }

    /** Each stage's task list as the instance last logged it, with the time of that line. */
    Map<String, Assignment> assignments(String service) {
        return assignmentsIn(docker("logs", "-t", container(service)));
    }

    record Assignment(Instant at, Set<String> tasks) {
    }

    static Map<String, Assignment> assignmentsIn(String timestampedLog) {
        Map<String, Assignment> latest = new TreeMap<>();
        for (String line : timestampedLog.split("\n")) {
            Matcher m = TASKS.matcher(line);
            if (m.find()) {
                Set<String> tasks = m.group(3).isBlank() ? Set.of()
                        : Set.of(m.group(3).split(", ")).stream().collect(Collectors.toCollection(TreeSet::new));
                latest.put(m.group(2), new Assignment(Instant.parse(m.group(1)), tasks));
            }
        }
        return latest;
    }

    /** Waits until every stage runs on both instances, each with tasks of its own; returns the split. */
    Map<String, Map<String, Set<String>>> awaitSplit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Map<String, Set<String>>> split = Map.of();
        while (System.nanoTime() < deadline) {
            split = new TreeMap<>();
            boolean shared = true;
            for (String service : INSTANCES) {
                Map<String, Assignment> tasks = assignments(service);
                for (String stage : STAGES) {
                    Assignment a = tasks.get(stage);
                    shared &= a != null && !a.tasks().isEmpty();
                    split.computeIfAbsent(stage, s -> new TreeMap<>())
                            .put(service, a == null ? Set.of() : a.tasks());
                }
            }
            if (shared && disjoint(split)) {
                return split;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the two instances did not split every stage's tasks within " + timeout + ": "
                + split);
    }

    private static boolean disjoint(Map<String, Map<String, Set<String>>> split) {
        for (Map<String, Set<String>> byInstance : split.values()) {
            Set<String> seen = new TreeSet<>();
            for (Set<String> tasks : byInstance.values()) {
                for (String task : tasks) {
                    if (!seen.add(task)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** CPU seconds a service's container used so far (its JVM: PID 1 and every thread). */
    double cpuSeconds(String service) {
        String[] stat = docker("exec", container(service), "cat", "/proc/1/stat").strip().split(" ");
        // after the command name in parentheses: fields 14 and 15 are utime and stime, in clock ticks (100 a second)
        int close = List.of(stat).indexOf(List.of(stat).stream().filter(f -> f.endsWith(")")).findFirst()
                .orElseThrow());
        return (Long.parseLong(stat[close + 12]) + Long.parseLong(stat[close + 13])) / 100.0;
    }

    /** Every key of news.articles.scored with how often it was written (committed). */
    Map<String, Long> scoredCounts(Set<String> ids, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, "news.articles.scored",
                rs -> rs.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(ids), timeout,
                Duration.ofSeconds(3));
        return records.stream().filter(r -> ids.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
    }

    PipelineProbe probe() {
        return new PipelineProbe(bootstrap, Duration.ofMinutes(3));
    }

    void log(String line) {
        progress.accept(line);
    }

    @Override
    public void close() {
        compose.close();
    }
}
