package io.storywatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.event.FactionScore;
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
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTopic;
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
 * A story that is not the bundled one, end to end: a fictional city's congestion-charge debate with camps of its own
 * (src/test/resources/stories/), its own articles fed as `feed` feeds them, every stage on the embedded broker, and
 * the dashboard `run` would serve with it. What a team following its own story relies on.
 */
class OwnStoryEndToEndTest {

    private static final String STORY = "stories/jichuan-congestion-charge.json";
    private static final String ARTICLES = "stories/jichuan-congestion-charge.jsonl";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();
    @TempDir
    static Path dir;

    /**
     * The day windows the articles make, by camp and day: which articles name a member of which camp, read off the
     * articles (the off-topic one names nobody and counts nowhere).
     */
    private static final Map<String, Integer> ARTICLES_PER_CAMP_AND_DAY = new TreeMap<>(Map.of(
            "charge@2025-03-03", 1,   // jc-plan-announced (顾明哲, 霁川交通委)
            "relief@2025-03-03", 2,   // jc-plan-announced (林书雅), jc-merchants-object
            "charge@2025-03-04", 2,   // jc-economist-supports (顾明哲, 市交通委), jc-hearing-clash (顾明哲)
            "relief@2025-03-04", 1,   // jc-hearing-clash (林书雅)
            "charge@2025-03-05", 1,   // jc-plan-delayed (霁川交通委)
            "relief@2025-03-05", 1)); // jc-plan-delayed (霁川商户联合会)

    @Test
    void shouldFollowATeamsOwnStoryThroughEveryStageIntoItsCampsWindowsAndDashboard() throws Exception {
        Path storyFile = copy(STORY);
        Path articleFile = copy(ARTICLES);
        StoryDefinition story = Stories.load(storyFile);
        String bootstrap = BROKER.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicApplier(admin).apply(TopicCatalog.fromClasspath().withReplicationFactor((short) 1));
        }
        // as `run --story FILE` does: the stages follow the file, and it is published for them and the dashboard
        new StoryTopic(bootstrap).ensure(story, true);
        StreamsSettings settings = StreamsSettings.of(bootstrap, dir.resolve("state")).withInternalReplicationFactor(1);
        try (PipelineRunner runner = new PipelineRunner(PipelineFactory.standard()
                .stages(List.of(), StageSettings.defaults().withStoryFile(storyFile)), settings);
             DashboardServer dashboard = DashboardServer.start(new HttpOptions(0, "127.0.0.1", null, List.of()),
                     StoryInfo.of(new StoryTopic(bootstrap).current().get(story.id())), bootstrap, dir,
                     new PrintWriter(new StringWriter()))) {
            runner.start();
            runner.awaitRunning(Duration.ofSeconds(90));
            List<ArticleFiles.RawRecord> raw = new ArrayList<>();
            ArticleFiles.read(articleFile, raw::add);
            try (ArticleFeeder feeder = new ArticleFeeder(bootstrap)) {
                raw.forEach(feeder::send);
                feeder.flush();
                assertEquals(6, feeder.sent());
            }

            Map<String, FactionSentimentWindow> days = latestDayWindows(bootstrap);
            Map<String, Integer> counted = new TreeMap<>();
            days.forEach((key, window) -> counted.put(key, (int) window.articles()));
            assertEquals(ARTICLES_PER_CAMP_AND_DAY, counted, "articles per camp and day on news.faction-sentiment");

            // each window's labels are those its articles get when the same story is analysed offline
            ArticleAnalyzer offline = ArticleAnalyzer.forStory(story, SentimentModels.loadDefault());
            Map<String, int[]> labels = new TreeMap<>();
            for (ArticleFiles.RawRecord record : raw) {
                StanceScored analysis = ((ArticleAnalyzer.Analysed) offline.analyze(record.value())).analysis();
                assertEquals(!record.key().equals("jc-off-topic-marathon"), analysis.relevant(), record.key());
                analysis.factions().forEach((camp, score) -> {
                    if (analysis.relevant() && score.mentions() > 0 && !"absent".equals(score.label())) {
                        int[] c = labels.computeIfAbsent(camp + "@" + analysis.publishedAt().substring(0, 10),
                                k -> new int[4]);
                        c[List.of("pos", "neg", "neu", "mixed").indexOf(score.label())]++;
                    }
                });
            }
            days.forEach((key, window) -> assertEquals(List.of(labels.get(key)[0], labels.get(key)[1],
                    labels.get(key)[2], labels.get(key)[3]), List.of((int) window.pos(), (int) window.neg(),
                    (int) window.neu(), (int) window.mixed()), key + " pos/neg/neu/mixed"));
            // 林书雅's speech won the hall's applause: the day of the hearing portrays her camp well
            assertTrue(days.get("relief@2025-03-04").meanScore() > 0, days.get("relief@2025-03-04").toString());

            // the dashboard titles itself and names the camps as the story does, and draws both camps' days
            JsonNode summary = get(dashboard.url().resolve("/api/summary"));
            assertEquals("jichuan-congestion-charge", summary.path("story").path("id").asText());
            assertEquals("霁川拥堵费之争", summary.path("story").path("titleZh").asText());
            assertEquals("The Jichuan congestion-charge debate", summary.path("story").path("titleEn").asText());
            assertEquals("减负派", summary.path("story").path("factions").path("relief").path("zh").asText());
            assertEquals("for the charge", summary.path("story").path("factions").path("charge").path("en").asText());
            Map<String, Integer> drawn = new TreeMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!drawn.equals(ARTICLES_PER_CAMP_AND_DAY) && System.nanoTime() < deadline) {
                drawn.clear();
                get(dashboard.url().resolve("/api/factions/series?window=1d")).path("series").fields()
                        .forEachRemaining(camp -> camp.getValue().forEach(point -> drawn.put(camp.getKey() + "@"
                                + point.path("windowStart").asText().substring(0, 10), point.path("articles").asInt())));
                Thread.sleep(200);
            }
            assertEquals(ARTICLES_PER_CAMP_AND_DAY, drawn, "the dashboard's day points per camp");
        }
    }

    private static Path copy(String resource) throws Exception {
        Path file = dir.resolve(Path.of(resource).getFileName());
        try (InputStream in = OwnStoryEndToEndTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /**
     * The latest record of each day window on news.faction-sentiment, keyed camp@day, read until they hold the
     * expected counts (windows are updated as articles arrive) and then 3 s more.
     */
    private static Map<String, FactionSentimentWindow> latestDayWindows(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, FactionSentimentWindow> latest = new TreeMap<>();
        try (KafkaConsumer<String, FactionSentimentWindow> consumer = new KafkaConsumer<>(props,
                Topics.FACTION_SENTIMENT.keySerde().deserializer(),
                Topics.FACTION_SENTIMENT.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FACTION_SENTIMENT.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, FactionSentimentWindow> record : consumer.poll(Duration.ofMillis(200))) {
                    FactionSentimentWindow window = record.value();
                    if (window != null && "P1D".equals(window.windowSize())) {
                        latest.put(window.faction() + "@" + window.windowStart().substring(0, 10), window);
                    }
                }
                Map<String, Integer> counts = new TreeMap<>();
                latest.forEach((key, window) -> counts.put(key, (int) window.articles()));
                if (quietUntil == Long.MAX_VALUE && counts.equals(ARTICLES_PER_CAMP_AND_DAY)) {
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
