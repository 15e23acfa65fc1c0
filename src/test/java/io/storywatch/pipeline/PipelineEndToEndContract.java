package io.storywatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.StageSettings;
import io.storywatch.runtime.StreamsSettings;
import io.storywatch.runtime.TopicApplier;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.Stories;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline, every standard stage exactly-once on a real broker, fed the bundled sample articles and one
 * malformed record of each kind: what issue 2 promises a media team.
 */
abstract class PipelineEndToEndContract {

    static final Duration TIMEOUT = Duration.ofMinutes(3);

    abstract String bootstrapServers();

    abstract Path stateDir();

    /** The malformed records, by key, with the rejection code each must get. */
    static Map<String, byte[]> malformedValues() {
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("bad-json", "{\"id\": \"bad-json\", \"body\": \"没有写完".getBytes(StandardCharsets.UTF_8));
        values.put("no-body", "{\"id\": \"no-body\", \"title\": \"只有标题\"}".getBytes(StandardCharsets.UTF_8));
        values.put("huge", ("{\"id\": \"huge\", \"body\": \"" + "长".repeat(700_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] notUtf8 = "{\"id\": \"not-utf8\", \"body\": \"XX\"}".getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 4] = (byte) 0xC3;
        notUtf8[notUtf8.length - 3] = (byte) 0x28;
        values.put("not-utf8", notUtf8);
        values.put("wrong-types", "{\"id\": \"wrong-types\", \"body\": 42}".getBytes(StandardCharsets.UTF_8));
        return values;
    }

    static final Map<String, String> EXPECTED_CODES = Map.of(
            "bad-json", "NOT_JSON",
            "no-body", "MISSING_BODY",
            "huge", "TOO_LARGE",
            "not-utf8", "NOT_UTF8",
            "wrong-types", "WRONG_TYPE");

    @Test
    void shouldScoreEveryValidArticleOnceRejectEveryMalformedOneWithItsReasonAndAggregateBothFactions()
            throws Exception {
        Map<String, byte[]> samples = sampleArticles();
        assertTrue(samples.size() >= 20, "the bundled samples hold at least 20 articles");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            new TopicApplier(admin).apply(TopicCatalog.fromClasspath().withReplicationFactor((short) 1));
        }
        StreamsSettings settings = StreamsSettings.of(bootstrapServers(), stateDir()).withInternalReplicationFactor(1);
        try (PipelineRunner runner = new PipelineRunner(
                PipelineFactory.standard().stages(List.of(), StageSettings.defaults()), settings)) {
            runner.start();
            runner.awaitRunning(Duration.ofSeconds(90));

            Map<String, byte[]> all = new LinkedHashMap<>(samples);
            all.putAll(malformedValues());
            send(all);

            List<ConsumerRecord<String, byte[]>> scored = readUntil(Topics.SCORED.name(),
                    records -> distinctKeys(records).containsAll(samples.keySet()));
            List<ConsumerRecord<String, byte[]>> rejected = readUntil(Topics.REJECTED.name(),
                    records -> records.size() >= EXPECTED_CODES.size());
            List<ConsumerRecord<String, byte[]>> factions = readUntil(Topics.FACTION_SENTIMENT.name(),
                    records -> factionsSeen(records).containsAll(Set.of("safety", "acceleration")));

            Map<String, Long> timesScored = scored.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
            Map<String, Long> once = new TreeMap<>();
            samples.keySet().forEach(id -> once.put(id, 1L));
            assertEquals(once, timesScored, "every valid article exactly once on news.articles.scored");
            ArticleAnalyzer offline = ArticleAnalyzer.forStory(Stories.defaultStory(), SentimentModels.loadDefault());
            for (ConsumerRecord<String, byte[]> record : scored) {
                StanceScored analysis = Json.fromBytes(record.value(), StanceScored.class);
                assertEquals(record.key(), analysis.id());
                assertFalse(analysis.sentences().isEmpty(), record.key() + " has sentences");
                assertTrue(analysis.versions().keySet().containsAll(Set.of("segmenter", "story", "sentiment")),
                        record.key() + " names the versions that produced it");
                // the stages through the broker score as `analyze` does offline, but for what only the stream can
                // know: which earlier article this one copies
                StanceScored expected = ((ArticleAnalyzer.Analysed) offline.analyze(samples.get(record.key())))
                        .analysis();
                assertEquals(withDuplicateOf(expected, analysis.duplicateOf()), analysis, record.key());
            }

            Map<String, String> codes = new TreeMap<>();
            for (ConsumerRecord<String, byte[]> record : rejected) {
                codes.put(record.key(), header(record, "storywatch.reject.code"));
                assertFalse(header(record, "storywatch.reject.message").isBlank());
                assertEquals(header(record, "storywatch.reject.code"),
                        Json.mapper().readTree(record.value()).get("code").asText());
            }
            assertEquals(new TreeMap<>(EXPECTED_CODES), codes, "each malformed record rejected once, with its reason");
            assertTrue(factionsSeen(factions).containsAll(Set.of("safety", "acceleration")));
        }
    }

    private static StanceScored withDuplicateOf(StanceScored a, String duplicateOf) {
        return new StanceScored(a.schemaVersion(), a.id(), a.title(), a.publishedAt(), a.source(), a.url(), duplicateOf,
                a.relevance(), a.relevant(), a.text(), a.sentences(), a.entities(), a.unlinked(), a.entityScores(),
                a.factions(), a.versions());
    }

    private static Set<String> distinctKeys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static Set<String> factionsSeen(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> factions = new java.util.HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                factions.add(Json.mapper().readTree(record.value()).get("faction").asText());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return factions;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Map<String, byte[]> sampleArticles() throws Exception {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        try (InputStream in = PipelineEndToEndContract.class.getClassLoader()
                .getResourceAsStream("samples/articles.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    samples.put(Json.mapper().readTree(line).get("id").asText(),
                            line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return samples;
    }

    private void send(Map<String, byte[]> values) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, byte[]> entry : values.entrySet()) {
                producer.send(new ProducerRecord<>(Topics.RAW.name(), entry.getKey(), entry.getValue())).get();
            }
        }
    }

    /** Reads a topic's committed records from the start until {@code done} holds, then a little longer. */
    private List<ConsumerRecord<String, byte[]>> readUntil(String topic,
                                                          Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "end-to-end-" + topic + "-" + System.nanoTime());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long quietUntil = Long.MAX_VALUE;
            // once done, keep reading for a moment so that a duplicate written late would still be seen
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (quietUntil == Long.MAX_VALUE && done.test(records)) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        assertTrue(done.test(records), topic + " never reached what the test waits for: " + records.size()
                + " records");
        return records;
    }
}
