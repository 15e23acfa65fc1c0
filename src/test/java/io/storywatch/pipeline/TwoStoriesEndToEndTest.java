package io.storywatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.runtime.ArticleFeeder;
import io.storywatch.runtime.ArticleFiles;
import io.storywatch.runtime.EmbeddedBroker;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.StageSettings;
import io.storywatch.runtime.StreamsSettings;
import io.storywatch.runtime.TopicApplier;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryKeys;
import io.storywatch.story.StoryTopic;
import io.storywatch.topic.Topic;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import io.storywatch.web.DashboardServer;
import io.storywatch.web.HttpOptions;
import io.storywatch.web.StoryInfo;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stories followed by one pipeline, as {@code run --story A --story B} runs them: the bundled OpenAI governance
 * story (the main one) and the Jichuan congestion-charge story of {@link OwnStoryEndToEndTest}, with four articles
 * written for this test (src/test/resources/stories/two-stories.jsonl): one of each story, one relevant to both, one
 * relevant to neither. Each story's camps get their own day windows; the one article of both counts in both; the
 * dashboard switches between the stories.
 */
class TwoStoriesEndToEndTest {

    private static final String MAIN = "openai-governance";
    private static final String OTHER = "jichuan-congestion-charge";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();
    @TempDir
    static Path dir;

    /** Day windows by key, read off the articles: which camp's members each article names. */
    private static final Map<String, Integer> MAIN_WINDOWS = new TreeMap<>(Map.of(
            "acceleration@2025-06-02", 1,   // tw-board-review (萨姆·奥特曼)
            "safety@2025-06-02", 1,         // tw-board-review (伊利亚·苏茨克维)
            "acceleration@2025-06-03", 1,   // tw-forum (萨姆·奥特曼)
            "safety@2025-06-03", 1));       // tw-forum (伊利亚·苏茨克维)
    private static final Map<String, Integer> OTHER_WINDOWS = new TreeMap<>(Map.of(
            "charge@2025-06-02", 1,         // tw-first-month (霁川交通委, 顾明哲)
            "relief@2025-06-02", 1,         // tw-first-month (林书雅, 霁川商户联合会)
            "charge@2025-06-03", 1,         // tw-forum (顾明哲, 霁川交通委)
            "relief@2025-06-03", 1));       // tw-forum (林书雅)

    @Test
    void shouldCountEachArticleInTheWindowsOfEveryStoryItIsRelevantToAndServeBothStories() throws Exception {
        Path otherFile = copy("stories/jichuan-congestion-charge.json");
        Path articleFile = copy("stories/two-stories.jsonl");
        Path mainFile = dir.resolve("openai-governance.json");
        Files.writeString(mainFile, Stories.toJson(Stories.defaultStory()));
        List<Path> files = List.of(mainFile, otherFile);
        List<StoryDefinition> stories = Stories.loadAll(files, null);
        String bootstrap = BROKER.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicApplier(admin).apply(TopicCatalog.fromClasspath().withReplicationFactor((short) 1));
        }
        // as `run --story A --story B` does: every story published, the stages following both, the main one first
        List<StoryInfo> shown = new ArrayList<>();
        for (StoryDefinition story : stories) {
            shown.add(StoryInfo.of(new StoryTopic(bootstrap).ensure(story, true)));
        }
        StreamsSettings settings = StreamsSettings.of(bootstrap, dir.resolve("state")).withInternalReplicationFactor(1);
        try (PipelineRunner runner = new PipelineRunner(PipelineFactory.standard()
                .stages(List.of(), StageSettings.defaults().withStoryFiles(files)), settings);
             DashboardServer dashboard = DashboardServer.start(new HttpOptions(0, "127.0.0.1", null, List.of()),
                     shown, bootstrap, dir, new io.storywatch.metrics.PipelineMetrics(),
                     new PrintWriter(new StringWriter()))) {
            runner.start();
            runner.awaitRunning(Duration.ofSeconds(90));
            List<ArticleFiles.RawRecord> raw = new ArrayList<>();
            ArticleFiles.read(articleFile, raw::add);
            try (ArticleFeeder feeder = new ArticleFeeder(bootstrap)) {
                raw.forEach(feeder::send);
                feeder.flush();
                assertEquals(4, feeder.sent());
            }

            // news.articles.scored: one record per story an article is relevant to, else the main story's
            Map<String, StanceScored> scored = latest(bootstrap, Topics.SCORED, records -> records.size() >= 5);
            assertEquals(List.of(OTHER + "/tw-first-month", OTHER + "/tw-forum", "tw-board-review", "tw-food-fair",
                    "tw-forum"), List.copyOf(scored.keySet()), "scored keys");
            assertEquals(MAIN, StoryKeys.storyOf(scored.get("tw-forum").versions()));
            assertEquals(OTHER, StoryKeys.storyOf(scored.get(OTHER + "/tw-forum").versions()));
            assertTrue(scored.get("tw-forum").relevant() && scored.get(OTHER + "/tw-forum").relevant());
            assertEquals(List.of("acceleration", "safety"), List.copyOf(scored.get("tw-forum").factions().keySet()));
            assertEquals(List.of("charge", "relief"),
                    List.copyOf(scored.get(OTHER + "/tw-forum").factions().keySet()));
            assertTrue(!scored.get("tw-food-fair").relevant(), "the food fair belongs to neither story");
            assertEquals(MAIN, StoryKeys.storyOf(scored.get("tw-food-fair").versions()));

            // news.faction-sentiment: each story's camps in windows of their own, keyed apart, naming their story
            Map<String, FactionSentimentWindow> windows = latest(bootstrap, Topics.FACTION_SENTIMENT,
                    records -> dayCounts(records, MAIN, "").equals(MAIN_WINDOWS)
                            && dayCounts(records, OTHER, OTHER + "/").equals(OTHER_WINDOWS));
            assertEquals(MAIN_WINDOWS, dayCounts(windows, MAIN, ""), "the main story's day windows");
            assertEquals(OTHER_WINDOWS, dayCounts(windows, OTHER, OTHER + "/"), "the other story's day windows");
            FactionSentimentWindow forumCharge = windows.get(OTHER + "/charge@2025-06-03T00:00:00Z/P1D");
            assertEquals("tw-forum", forumCharge.evidence().get(0).id(), "evidence names the article by its id");
            assertEquals(MAIN, windows.get("acceleration@2025-06-03T00:00:00Z/P1D").story());

            // the dashboard lists both, the main one first and by default, and switches on ?story=
            JsonNode list = get(dashboard.url().resolve("/api/stories"));
            assertEquals(MAIN, list.path("stories").path(0).path("id").asText());
            assertEquals(OTHER, list.path("stories").path(1).path("id").asText());
            assertEquals(MAIN, get(dashboard.url().resolve("/api/summary")).path("story").path("id").asText());
            JsonNode other = get(dashboard.url().resolve("/api/summary?story=" + OTHER));
            assertEquals("霁川拥堵费之争", other.path("story").path("titleZh").asText());
            assertEquals("减负派", other.path("story").path("factions").path("relief").path("zh").asText());
            assertEquals(MAIN_WINDOWS, drawn(dashboard, ""), "the main story's day points");
            assertEquals(OTHER_WINDOWS, drawn(dashboard, "&story=" + OTHER), "the other story's day points");
            HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    dashboard.url().resolve("/api/summary?story=no-such-story")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode(), unknown.body());
        }
    }

    /** Articles per camp and day in the day windows of one story, whose keys start with {@code prefix}. */
    private static Map<String, Integer> dayCounts(Map<String, FactionSentimentWindow> windows, String story,
                                                  String prefix) {
        Map<String, Integer> counts = new TreeMap<>();
        windows.forEach((key, window) -> {
            if ("P1D".equals(window.windowSize()) && key.equals(prefix + window.faction() + "@"
                    + window.windowStart() + "/P1D") && story.equals(window.story())) {
                counts.put(window.faction() + "@" + window.windowStart().substring(0, 10), (int) window.articles());
            }
        });
        return counts;
    }

    /** The dashboard's day points per camp, polled until they stop changing towards what the windows hold. */
    private static Map<String, Integer> drawn(DashboardServer dashboard, String storyParameter) throws Exception {
        Map<String, Integer> expected = storyParameter.isEmpty() ? MAIN_WINDOWS : OTHER_WINDOWS;
        Map<String, Integer> drawn = new TreeMap<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!drawn.equals(expected) && System.nanoTime() < deadline) {
            drawn.clear();
            get(dashboard.url().resolve("/api/factions/series?window=1d" + storyParameter)).path("series").fields()
                    .forEachRemaining(camp -> camp.getValue().forEach(point -> drawn.put(camp.getKey() + "@"
                            + point.path("windowStart").asText().substring(0, 10), point.path("articles").asInt())));
            Thread.sleep(200);
        }
        return drawn;
    }

    private static Path copy(String resource) throws Exception {
        Path file = dir.resolve(Path.of(resource).getFileName());
        try (InputStream in = TwoStoriesEndToEndTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The latest value per key of a topic, read until {@code done} holds of them and then 3 s more. */
    private static <V> Map<String, V> latest(String bootstrap, Topic<String, V> topic,
                                             Predicate<Map<String, V>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, V> latest = new TreeMap<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        latest.put(record.key(), record.value());
                    }
                }
                if (quietUntil == Long.MAX_VALUE && done.test(latest)) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return latest;
    }

    private static JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri + ": " + response.body());
        return Json.tree(response.body());
    }
}
