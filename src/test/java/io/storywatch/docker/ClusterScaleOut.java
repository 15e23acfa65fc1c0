package io.storywatch.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.bench.PipelineProbe;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scale-out figures on docker-compose.cluster.yml: the same burst of articles through one storywatch instance and
 * then through two, with the CPU time each container used during the burst. Not part of the suite (its name is not
 * *IT): scripts/cluster runs it, {@code STORYWATCH_CLUSTER_ARTICLES} per burst (default 2,000) after a warm-up of a
 * quarter as many, instances scoring with {@code STORYWATCH_CLUSTER_SENTIMENT} (default rules).
 */
@LocalDocker.Images({"kafka", "storywatch"})
class ClusterScaleOut {

    static final int ARTICLES = Integer.parseInt(setting("STORYWATCH_CLUSTER_ARTICLES", "2000"));
    static final String SENTIMENT = setting("STORYWATCH_CLUSTER_SENTIMENT", "rules");
    static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

    @Test
    void shouldMeasureThroughputAndCpuPerArticleWithOneAndWithTwoInstances() throws Exception {
        try (StoryWatchCluster cluster = new StoryWatchCluster(SENTIMENT, ClusterIT::say)) {
            cluster.awaitSplit(Duration.ofMinutes(5));
            try (PipelineProbe probe = cluster.probe()) {
                cluster.compose.run(Duration.ofMinutes(2), "stop", "storywatch-2");
                Figures one = measure(cluster, probe, List.of("storywatch-1"), "one");
                cluster.compose.run(Duration.ofMinutes(2), "start", "storywatch-2");
                cluster.awaitSplit(Duration.ofMinutes(3));
                Figures two = measure(cluster, probe, List.of("storywatch-1", "storywatch-2"), "two");
                ClusterIT.say(String.format("scale-out (%s sentiment, %d articles): one instance %.1f articles/s, "
                                + "%.1f ms instance CPU and %.1f ms broker CPU per article; two instances %.1f "
                                + "articles/s (x%.2f), %.1f ms and %.1f ms per article; load average %s",
                        SENTIMENT, ARTICLES, one.articlesPerSecond, one.instanceCpuMs, one.brokerCpuMs,
                        two.articlesPerSecond, two.articlesPerSecond / one.articlesPerSecond, two.instanceCpuMs,
                        two.brokerCpuMs, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                                .strip()));
            }
        }
    }

    record Figures(double articlesPerSecond, double instanceCpuMs, double brokerCpuMs) {
    }

    private static Figures measure(StoryWatchCluster cluster, PipelineProbe probe, List<String> instances,
                                   String name) throws InterruptedException {
        // a warm-up burst first, so that the measured one meets compiled code in every instance
        probe.burst(cluster.articles("scale-warm-up-" + name, Math.max(50, ARTICLES / 4)), Duration.ofMinutes(30),
                ClusterIT::say, () -> "");
        List<BenchArticle> articles = cluster.articles("scale-" + name, ARTICLES);
        double instanceCpu = cpu(cluster, instances);
        double brokerCpu = cpu(cluster, BROKERS);
        PipelineProbe.Throughput result = probe.burst(articles, Duration.ofMinutes(30), ClusterIT::say, () -> "");
        double instanceCpuMs = (cpu(cluster, instances) - instanceCpu) * 1000 / ARTICLES;
        double brokerCpuMs = (cpu(cluster, BROKERS) - brokerCpu) * 1000 / ARTICLES;
        Set<String> ids = articles.stream().map(a -> a.raw().id()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(result.complete(), name + ": the outputs never completed");
        assertEquals(ids.size(), cluster.scoredCounts(ids, Duration.ofMinutes(2)).values().stream()
                .filter(n -> n == 1).count(), name + ": every article scored exactly once");
        Figures figures = new Figures(result.articlesPerSecond(), instanceCpuMs, brokerCpuMs);
        ClusterIT.say(name + " instance(s): " + figures);
        return figures;
    }

    private static double cpu(StoryWatchCluster cluster, List<String> services) {
        double sum = 0;
        for (String service : services) {
            sum += cluster.cpuSeconds(service);
        }
        return sum;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
