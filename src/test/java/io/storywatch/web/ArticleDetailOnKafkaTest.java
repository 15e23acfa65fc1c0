package io.storywatch.web;

import static io.storywatch.web.DashboardBroker.await;
import static io.storywatch.web.DashboardBroker.scored;
import static io.storywatch.web.view.ScoredArticleBuilder.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.Mention;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.AggregatedStory;
import io.storywatch.web.view.ArticleFilter;
import io.storywatch.web.view.RetainedObjects;
import io.storywatch.web.view.ScoredLocation;
import io.storywatch.web.view.StoryView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard on the embedded broker keeps a digest of each scored article and reads the full analysis back from
 * the article's record when the API shows it: the answers equal those of a view that kept every analysis whole.
 */
class ArticleDetailOnKafkaTest {

    @RegisterExtension
    static final DashboardBroker BROKER = new DashboardBroker();

    @Test
    void shouldServeEveryArticlesDetailAndEvidenceReadBackFromItsRecordAsAWholeAnalysisViewDoes(
            @TempDir Path dataDir) throws Exception {
        List<StanceScored> articles = DashboardFixtures.articles();
        StanceScored replaced = articles.get(1);
        // the reference keeps every analysis whole; both views get the window records the aggregate publishes
        StoryView whole = new StoryView();
        List<AggregatedStory.Published> windows;
        try (AggregatedStory story = new AggregatedStory(whole)) {
            articles.forEach(story::add);
            windows = story.publish().published();
        }
        try (KafkaProducer<String, byte[]> producer = BROKER.producer("detail-test")) {
            producer.beginTransaction();
            // an earlier version of the second article, replaced by the fixture's version below
            producer.send(scored(article(replaced.id()).title("旧版本").publishedAt("2023-11-18T09:00:00Z")
                    .sentence("旧版本说雷克离开了。", Map.of("jan-leike", -0.6)).build()));
            articles.forEach(a -> producer.send(scored(a)));
            windows.forEach(w -> producer.send(new ProducerRecord<>(w.topic(), w.key(), w.value())));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(scored(article("aborted").publishedAt("2023-11-18T10:00:00Z")
                    .sentence("奥特曼发言。", Map.of("sam-altman", 0.2)).build()));
            producer.flush();
            producer.abortTransaction();
        }
        HttpOptions options = new HttpOptions(0, "127.0.0.1", null, List.of());

        try (PipelineMetrics metrics = new PipelineMetrics();
             DashboardServer reference = DashboardServer.serve(options, whole, metrics);
             DashboardServer dashboard = DashboardServer.start(options, StoryInfo.defaultStory(),
                     BROKER.bootstrapServers(), dataDir, metrics, new PrintWriter(new StringWriter()))) {
            assertTrue(dashboard.reader().orElseThrow().awaitCaughtUp(Duration.ofSeconds(60)), "caught up");
            List<String> ids = ids(dashboard);
            articles.forEach(a -> assertTrue(ids.contains(a.id()), a.id()));
            assertFalse(ids.contains("aborted"));

            // before any detail is asked for: the view holds no analysis, sentence or mention of what it read
            RetainedObjects retained = RetainedObjects.of(dashboard.view());
            assertEquals(List.of(), retained.instancesOf(StanceScored.class));
            assertEquals(List.of(), retained.instancesOf(ScoredSentence.class));
            assertEquals(List.of(), retained.instancesOf(Mention.class));
            for (StanceScored a : articles) {
                for (ScoredSentence sentence : a.sentences()) {
                    // only inside window records, which quote their evidence sentences
                    assertEquals(List.of(), retained.textsContaining(sentence.text()).stream()
                            .filter(text -> !text.contains("\"windowStart\"")).toList(), sentence.text());
                }
            }
            assertFalse(RetainedObjects.of(whole).textsContaining(DashboardFixtures.EVIDENCE_SENTENCE).isEmpty(),
                    "the walk finds sentences where a view keeps them");

            for (StanceScored a : articles) {
                String path = "/api/articles/" + a.id();
                assertEquals(api(reference, path, 200), api(dashboard, path, 200), path);
            }
            assertEquals(replaced.sentences().get(0).text(), api(dashboard, "/api/articles/" + replaced.id(), 200)
                    .path("analysis").path("sentences").get(0).path("text").asText(), "the newer version");
            for (String query : List.of("kind=faction&target=safety&window=1d&windowStart=2023-11-19",
                    "kind=faction&target=acceleration&window=1d&windowStart=2023-11-20",
                    "kind=entity&target=jan-leike&window=1d&windowStart=2023-11-18",
                    "kind=faction&target=safety&window=1h&windowStart=2023-11-19T12:00:00Z")) {
                JsonNode expected = api(reference, "/api/evidence?" + query, 200);
                assertFalse(expected.path("articles").isEmpty(), query);
                assertEquals(expected, api(dashboard, "/api/evidence?" + query, 200), query);
            }

            try (KafkaProducer<String, byte[]> producer = BROKER.producer("detail-test-tombstone")) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.SCORED.name(), DashboardFixtures.XSS_ID, null));
                producer.commitTransaction();
            }
            await(() -> !ids(dashboard).contains(DashboardFixtures.XSS_ID), "the tombstone is read");
            api(dashboard, "/api/articles/" + DashboardFixtures.XSS_ID, 404);
        }
    }

    @Test
    void shouldReadAnalysesBackByPartitionAndOffsetAndCacheOnlyAFew() throws Exception {
        int count = ScoredTopicLookup.CACHED_ANALYSES + 6;
        List<StanceScored> written = new ArrayList<>();
        List<ScoredLocation> locations = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = BROKER.producer("lookup-test")) {
            producer.beginTransaction();
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StanceScored a = article("bulk-" + i).publishedAt("2024-01-01T00:00:00Z")
                        .sentence("奥特曼第" + i + "次发言。", Map.of("sam-altman", 0.1)).build();
                written.add(a);
                sent.add(producer.send(scored(a)));
            }
            producer.commitTransaction();
            for (var future : sent) {
                RecordMetadata metadata = future.get();
                locations.add(new ScoredLocation(metadata.partition(), metadata.offset()));
            }
        }

        try (ScoredTopicLookup lookup = new ScoredTopicLookup(BROKER.bootstrapServers())) {
            Map<ScoredLocation, StanceScored> found = lookup.read(locations);

            for (int i = 0; i < count; i++) {
                assertEquals(written.get(i), found.get(locations.get(i)), "record " + i);
            }
            assertEquals(count, found.size());
            assertEquals(ScoredTopicLookup.CACHED_ANALYSES, lookup.cached());
            // a location past the end of the partition holds nothing
            ScoredLocation beyond = new ScoredLocation(locations.get(0).partition(), 1_000_000);
            assertEquals(Map.of(), lookup.read(List.of(beyond)));
        }
    }

    private static List<String> ids(DashboardServer dashboard) {
        return dashboard.view().articles(new ArticleFilter(null, null, null, false, null, null,
                ArticleFilter.MAX_LIMIT)).stream().map(a -> a.id()).toList();
    }

    private static JsonNode api(DashboardServer dashboard, String path, int status) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(dashboard.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return Json.tree(response.body());
    }

}
