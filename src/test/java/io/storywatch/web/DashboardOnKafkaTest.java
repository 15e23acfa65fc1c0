package io.storywatch.web;

import static io.storywatch.web.DashboardBroker.await;
import static io.storywatch.web.DashboardBroker.scored;
import static io.storywatch.web.view.ScoredArticleBuilder.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.ArticleFilter;
import io.storywatch.web.view.ArticleSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard reading real topics on the embedded broker: committed records only, everything again after a
 * restart, new records live, lag measured.
 */
class DashboardOnKafkaTest {

    @RegisterExtension
    static final DashboardBroker BROKER = new DashboardBroker();

    @Test
    void shouldServeCommittedRecordsAgainAfterARestartAndNewOnesLive(@TempDir Path dataDir) throws Exception {
        try (KafkaProducer<String, byte[]> producer = BROKER.producer("dashboard-test")) {
            producer.beginTransaction();
            DashboardFixtures.articles().forEach(article -> producer.send(scored(article)));
            producer.send(new ProducerRecord<>(Topics.FACTION_SENTIMENT.name(), "safety@2023-11-18T00:00:00Z",
                    Json.toBytes(new FactionSentimentWindow(1, "safety", "2023-11-18T00:00:00Z",
                            "2023-11-19T00:00:00Z", 2, 3, 0.2, 1, 0, 1))));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(scored(article("aborted").publishedAt("2023-11-18T10:00:00Z")
                    .sentence("奥特曼发言。", Map.of("sam-altman", 0.2)).build()));
            producer.flush();
            producer.abortTransaction();
        }
        List<String> expected = DashboardFixtures.articles().stream().map(StanceScored::id).sorted().toList();

        for (int start = 1; start <= 2; start++) {
            try (PipelineMetrics metrics = new PipelineMetrics();
                 DashboardServer dashboard = DashboardServer.start(new HttpOptions(0, "127.0.0.1", null, List.of()),
                         StoryInfo.defaultStory(), BROKER.bootstrapServers(), dataDir, metrics,
                         new PrintWriter(new StringWriter()))) {
                assertTrue(dashboard.reader().orElseThrow().awaitCaughtUp(Duration.ofSeconds(60)), "caught up");
                assertEquals(expected, ids(dashboard), "start " + start + ": committed records only, each once");
                assertEquals(dashboard.url() + System.lineSeparator(),
                        Files.readString(dataDir.resolve(DashboardServer.URL_FILE)));
                JsonNode series = api(dashboard, "/api/factions/series?window=1d").path("series").path("safety");
                assertEquals("aggregate", series.get(0).path("basis").asText());

                if (start == 2) {
                    StanceScored fresh = article("fresh").publishedAt("2023-11-22T08:00:00Z")
                            .sentence("雷克加入Anthropic。", Map.of("jan-leike", 0.5, "anthropic", 0.4)).build();
                    try (KafkaProducer<String, byte[]> producer = BROKER.producer("dashboard-test-live")) {
                        producer.beginTransaction();
                        producer.send(new ProducerRecord<>(Topics.RAW.name(), "fresh",
                                "{}".getBytes(StandardCharsets.UTF_8)));
                        producer.send(scored(fresh));
                        producer.commitTransaction();
                    }
                    await(() -> ids(dashboard).contains("fresh"), "the new article is served live");
                    assertEquals("fresh", api(dashboard, "/api/articles?limit=1").path("articles").get(0)
                            .path("id").asText());
                    await(() -> metrics.registry().find("storywatch.end.to.end.lag").timer().count() == 1,
                            "lag measured for the article fed while running");
                }
            }
        }
    }

    private static List<String> ids(DashboardServer dashboard) {
        List<String> ids = new ArrayList<>(dashboard.view().articles(new ArticleFilter(null, null, null, false, null,
                null, ArticleFilter.MAX_LIMIT)).stream().map(ArticleSummary::id).toList());
        ids.sort(null);
        return ids;
    }

    private static JsonNode api(DashboardServer dashboard, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(dashboard.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.tree(response.body());
    }

}
