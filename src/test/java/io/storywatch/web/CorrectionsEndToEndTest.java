package io.storywatch.web;

import static io.storywatch.web.DashboardBroker.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.FactionScore;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.StageReset;
import io.storywatch.runtime.StageSettings;
import io.storywatch.runtime.StreamsSettings;
import io.storywatch.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's corrections on a real broker: an analyst corrects a target label and an article's relevance through the
 * dashboard's API, the score stage re-emits the articles corrected, and the faction window counts each article once,
 * with its corrected portrayal, through a restart and a replay of the score and aggregate stages.
 */
class CorrectionsEndToEndTest {

    @RegisterExtension
    static final DashboardBroker BROKER = new DashboardBroker();

    private static final String TOKEN = "corrections-test-token";
    private static final String WINDOW = "acceleration@2023-11-22T00:00:00Z/P1D";
    /** Articles written for this test: the first portrays Altman (acceleration), the second reads as irrelevant. */
    private static final Map<String, String> ARTICLES = new LinkedHashMap<>();

    static {
        ARTICLES.put("corr-e2e-1", "{\"id\": \"corr-e2e-1\", \"title\": \"奥特曼回到OpenAI出任首席执行官\", \"body\": "
                + "\"周三上午，奥特曼回到OpenAI办公室，再次出任首席执行官。不少员工在门口鼓掌，称赞他带领团队渡过难关。"
                + "新董事会表示，将对此前的解雇决定展开独立调查。\", \"publishedAt\": \"2023-11-22T08:00:00Z\", "
                + "\"source\": \"示例晨报\", \"url\": \"https://example.org/corr-e2e-1\"}");
        ARTICLES.put("corr-e2e-2", "{\"id\": \"corr-e2e-2\", \"title\": \"苏茨克维谈安全研究\", \"body\": "
                + "\"苏茨克维在一次内部会议上表示，团队会继续投入安全研究。奥特曼则在采访中批评外界对公司的猜测过于夸张。\", "
                + "\"publishedAt\": \"2023-11-22T12:00:00Z\", \"source\": \"示例晚报\", "
                + "\"url\": \"https://example.org/corr-e2e-2\"}");
    }

    private static final String LATER = "{\"id\": \"corr-e2e-3\", \"title\": \"奥特曼宣布OpenAI董事会成立安全委员会\", "
            + "\"body\": \"OpenAI首席执行官奥特曼周三晚间宣布，董事会将成立新的安全委员会，员工普遍支持这一安排。\", "
            + "\"publishedAt\": \"2023-11-22T20:00:00Z\", \"source\": \"示例周刊\"}";

    @Test
    void shouldApplyCorrectionsOnceThroughRestartAndReplay(@TempDir Path dataDir) throws Exception {
        Path stateDir = dataDir.resolve("state");
        send(ARTICLES);
        try (Running running = new Running(stateDir, dataDir)) {
            // the first articles wait for every stage to start and load its models: longer than a correction
            awaitLong(() -> windowOf(latestWindows()).articles() == 1, "the window counts the one relevant article");
            await(() -> running.dashboard.view().article("corr-e2e-2").isPresent(), "the dashboard has both");
            FactionSentimentWindow before = windowOf(latestWindows());
            JsonNode sentence = sentenceNaming(running.article("corr-e2e-1"), "sam-altman");
            String machineLabel = sentence.path("targets").path("sam-altman").path("label").asText();
            String wrong = machineLabel.equals("neg") ? "pos" : "neg";

            // the analyst says the machine's label is wrong
            KafkaConsumer<String, byte[]> watch = consumer();
            List<TopicPartition> partitions = watch.partitionsFor(Topics.FACTION_SENTIMENT.name()).stream()
                    .map(p -> new TopicPartition(Topics.FACTION_SENTIMENT.name(), p.partition())).toList();
            watch.assign(partitions);
            watch.seekToEnd(partitions);
            partitions.forEach(watch::position);
            long sent = System.nanoTime();
            HttpResponse<String> made = running.post(Map.of("analyst", "测试分析员", "article", "corr-e2e-1",
                    "kind", "target-label", "sentence", sentence.path("index").asInt(), "target", "sam-altman",
                    "newLabel", wrong, "note", "employees praising him reads as support"));
            assertEquals(201, made.statusCode(), made.body());
            CorrectionMade first = Json.fromString(made.body(), CorrectionMade.class);
            assertEquals(machineLabel, first.oldLabel());
            long moved = awaitWindowChange(watch, before.meanScore());
            // a figure, not a test: the target is 2 s on a quiet machine (the load average says how quiet it was)
            System.out.printf("correction-to-window latency: %d ms (POST sent to the changed window record read; "
                    + "load average %.1f)%n", (moved - sent) / 1_000_000,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            watch.close();
            await(() -> windowOf(latestWindows()).meanScore() != before.meanScore(), "the correction moved the window");
            assertEquals(1, windowOf(latestWindows()).articles(), "the corrected article still counts once");

            // a second analyst supersedes the first; the irrelevant article is corrected to relevant
            assertEquals(201, running.post(Map.of("analyst", "另一位分析员", "article", "corr-e2e-1",
                    "kind", "target-label", "sentence", sentence.path("index").asInt(), "target", "sam-altman",
                    "newLabel", "neu")).statusCode());
            assertEquals(201, running.post(Map.of("analyst", "另一位分析员", "article", "corr-e2e-2",
                    "kind", "relevance", "newLabel", "relevant", "note", "Altman's words count")).statusCode());
            await(() -> windowOf(latestWindows()).articles() == 2, "the article corrected to relevant counts");
            assertWindowIsTheMeanOfTheLatestScoredArticles();
            StanceScored superseded = latestScored().get("corr-e2e-1");
            assertEquals("neu", superseded.sentences().get(sentence.path("index").asInt()).targets()
                    .get("sam-altman").label());
            assertEquals(List.of("测试分析员", "另一位分析员", "另一位分析员"),
                    corrections().stream().map(CorrectionMade::analyst).toList(), "every correction stays in the log");
            assertEquals(List.of("另一位分析员"), superseded.corrections().stream().map(CorrectionMade::analyst).toList(),
                    "only the later correction is in force");
            await(() -> running.point().path("corrected").asLong() == 2, "the page's point shows both as corrected");
            assertEquals(1, running.article("corr-e2e-1").path("article").path("corrections").asInt());
        }

        // the analysts' corrections as training lines: the one in force per sentence and target
        Path lines = dataDir.resolve("corrections.jsonl");
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = io.storywatch.cli.StoryWatch.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute("corrections", "export", "--bootstrap-servers", BROKER.bootstrapServers(),
                "--out", lines.toString()), err.toString());
        assertEquals("exported=1 superseded=1 relevance=1 without-text=0", err.toString().strip());
        String sentenceText = latestScored().get("corr-e2e-1").sentences().get(1).text();
        assertEquals(List.of(Json.tree(Json.toString(Map.of("text", sentenceText, "target", "奥特曼", "label", "neu")))),
                java.nio.file.Files.readAllLines(lines).stream().map(Json::tree).toList());

        // a restart: the windows keep the corrected portrayals and count a new article once more
        try (Running running = new Running(stateDir, dataDir)) {
            send(Map.of("corr-e2e-3", LATER));
            await(() -> windowOf(latestWindows()).articles() == 3, "the new article counts beside the corrected ones");
            assertWindowIsTheMeanOfTheLatestScoredArticles();
        }
        FactionSentimentWindow beforeReplay = windowOf(latestWindows());

        // a replay of score and aggregate from their input topics: the same window again
        long replayFrom = endOffsets(Topics.FACTION_SENTIMENT.name());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
            StageReset reset = new StageReset(admin, stateDir);
            reset.execute(reset.plan("score"));
            reset.execute(reset.plan("aggregate"));
        }
        try (Running running = new Running(stateDir, dataDir)) {
            // while the replay runs, a window can hold an article's machine score before its correction is
            // applied again: wait for the replay to settle on the corrected window
            await(() -> endOffsets(Topics.FACTION_SENTIMENT.name()) > replayFrom
                    && windowOf(latestWindows()).articles() == 3
                    && Math.abs(windowOf(latestWindows()).meanScore() - beforeReplay.meanScore()) <= 1e-9,
                    "the replay wrote the corrected window again");
            FactionSentimentWindow replayed = windowOf(latestWindows());
            assertEquals(beforeReplay.articles(), replayed.articles());
            assertEquals(beforeReplay.meanScore(), replayed.meanScore(), 1e-9);
            assertEquals(List.of(beforeReplay.pos(), beforeReplay.neg(), beforeReplay.neu()),
                    List.of(replayed.pos(), replayed.neg(), replayed.neu()));
            assertWindowIsTheMeanOfTheLatestScoredArticles();
        }
    }

    @Test
    void shouldRefuseCorrectionsWithoutTheTokenOrWithABadLabel(@TempDir Path dataDir) throws Exception {
        try (PipelineMetrics metrics = new PipelineMetrics();
             DashboardServer open = DashboardServer.start(new HttpOptions(0, "127.0.0.1", null, List.of()),
                     StoryInfo.defaultStory(), BROKER.bootstrapServers(), dataDir, metrics,
                     new PrintWriter(new StringWriter()));
             DashboardServer guarded = DashboardServer.start(new HttpOptions(0, "127.0.0.1", TOKEN, List.of()),
                     StoryInfo.defaultStory(), BROKER.bootstrapServers(), dataDir, metrics,
                     new PrintWriter(new StringWriter()))) {
            String body = "{\"analyst\": \"a\", \"article\": \"x\", \"kind\": \"relevance\", \"newLabel\": \"relevant\"}";
            assertEquals(403, post(open, body, null, "application/json").statusCode(), "no token, no corrections");
            assertFalse(Json.tree(get(open, "/api/summary", null)).path("corrections").asBoolean());
            assertEquals(401, post(guarded, body, null, "application/json").statusCode());
            assertEquals(415, post(guarded, body, TOKEN, "text/plain").statusCode());
            assertEquals(404, post(guarded, body, TOKEN, "application/json").statusCode(), "no such article");
            assertEquals(400, post(guarded, "{\"article\": ", TOKEN, "application/json").statusCode());
            assertEquals(405, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            guarded.url().resolve("/api/corrections")).header("Authorization", "Bearer " + TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertTrue(Json.tree(get(guarded, "/api/summary", TOKEN)).path("corrections").asBoolean());
        }
    }

    // ---- the pipeline and its dashboard ------------------------------------------------------------------------

    /** Every stage (lexicon rules, to keep the test quick) and a dashboard that takes corrections. */
    private static final class Running implements AutoCloseable {
        final PipelineRunner runner;
        final PipelineMetrics metrics = new PipelineMetrics();
        final DashboardServer dashboard;

        Running(Path stateDir, Path dataDir) throws Exception {
            runner = new PipelineRunner(PipelineFactory.standard().stages(List.of(),
                    StageSettings.defaults().withSentiment("rules")),
                    StreamsSettings.of(BROKER.bootstrapServers(), stateDir).withInternalReplicationFactor(1));
            runner.start();
            runner.awaitRunning(Duration.ofSeconds(90));
            dashboard = DashboardServer.start(new HttpOptions(0, "127.0.0.1", TOKEN, List.of()),
                    StoryInfo.defaultStory(), BROKER.bootstrapServers(), dataDir, metrics,
                    new PrintWriter(new StringWriter()));
        }

        JsonNode article(String id) throws Exception {
            return Json.tree(get(dashboard, "/api/articles/" + id, TOKEN));
        }

        JsonNode point() {
            try {
                return Json.tree(get(dashboard, "/api/factions/series?window=1d&faction=acceleration", TOKEN))
                        .path("series").path("acceleration").path(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> post(Map<String, Object> correction) throws Exception {
            return CorrectionsEndToEndTest.post(dashboard, Json.toString(correction), TOKEN, "application/json");
        }

        @Override
        public void close() {
            dashboard.close();
            runner.close();
            metrics.close();
        }
    }

    private static String get(DashboardServer dashboard, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static HttpResponse<String> post(DashboardServer dashboard, String body, String token, String type)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(dashboard.url().resolve("/api/corrections"))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits up to 3 minutes (a loaded machine starting four stages); fails naming {@code what} otherwise. */
    private static void awaitLong(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }

    /** When a record of the window with another mean was read (System.nanoTime). */
    private static long awaitWindowChange(KafkaConsumer<String, byte[]> watch, double before) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : watch.poll(Duration.ofMillis(20))) {
                if (record.key().equals(WINDOW)
                        && Json.fromBytes(record.value(), FactionSentimentWindow.class).meanScore() != before) {
                    return System.nanoTime();
                }
            }
        }
        throw new AssertionError("the correction did not change the window within 30 s");
    }

    private static JsonNode sentenceNaming(JsonNode detail, String entity) {
        for (JsonNode sentence : detail.path("analysis").path("sentences")) {
            if (sentence.path("targets").has(entity) && sentence.path("index").asInt() > 0) {
                return sentence;
            }
        }
        throw new AssertionError("no sentence names " + entity + ": " + detail);
    }

    // ---- the topics ------------------------------------------------------------------------------------------

    /** The window is the unweighted mean of the acceleration scores of the relevant articles, each once. */
    private static void assertWindowIsTheMeanOfTheLatestScoredArticles() {
        List<Double> scores = new ArrayList<>();
        latestScored().values().forEach(article -> {
            FactionScore score = article.factions().get("acceleration");
            if (article.relevant() && score != null && score.mentions() > 0 && !score.label().equals("absent")) {
                scores.add(score.score());
            }
        });
        FactionSentimentWindow window = windowOf(latestWindows());
        assertEquals(scores.size(), window.articles());
        assertEquals(scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), window.meanScore(),
                1e-9);
    }

    private static void send(Map<String, String> articles) {
        try (KafkaProducer<String, byte[]> producer = BROKER.producer("corrections-test-feed-" + System.nanoTime())) {
            producer.beginTransaction();
            articles.forEach((id, json) -> producer.send(new ProducerRecord<>(Topics.RAW.name(), id,
                    json.getBytes(StandardCharsets.UTF_8))));
            producer.commitTransaction();
        }
    }

    private static FactionSentimentWindow windowOf(Map<String, byte[]> windows) {
        byte[] value = windows.get(WINDOW);
        return value == null ? new FactionSentimentWindow(2, "acceleration", null, null, null, 0, 0, 0.0, 0, 0, 0,
                0, 0.0, 0.0, false, 0, 0, List.of(), false, null)
                : Json.fromBytes(value, FactionSentimentWindow.class);
    }

    private static Map<String, byte[]> latestWindows() {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        readAll(Topics.FACTION_SENTIMENT.name()).forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    private static Map<String, StanceScored> latestScored() {
        Map<String, StanceScored> latest = new LinkedHashMap<>();
        readAll(Topics.SCORED.name()).forEach(record -> latest.put(record.key(),
                Json.fromBytes(record.value(), StanceScored.class)));
        return latest;
    }

    private static List<CorrectionMade> corrections() {
        List<ConsumerRecord<String, byte[]>> records = readAll(Topics.CORRECTIONS.name());
        records.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        return records.stream().map(r -> Json.fromBytes(r.value(), CorrectionMade.class)).toList();
    }

    private static long endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every committed record of the topic, in partition order. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
