package io.storywatch.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import io.storywatch.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * README's docker-compose section, done as a user does it: `docker-compose up` of docker-compose.yml with the local
 * images, the bundled samples fed from the host through the published port with the jar's own `feed`, scored and
 * faction records read back from the host, then `docker-compose down -v`.
 */
@LocalDocker.Images({"kafka", "storywatch"})
class ComposeSmokeIT {

    private static final Path SAMPLES = Path.of("src/main/resources/samples/articles.jsonl");

    @Test
    void shouldScoreTheSamplesFedFromTheHostAndAggregateBothFactions() throws IOException {
        int port = Compose.freePort();
        String bootstrap = "localhost:" + port;
        try (Compose compose = new Compose("storywatch-smoke-" + ProcessHandle.current().pid(),
                "docker-compose.yml", Map.of("KAFKA_HOST_PORT", Integer.toString(port)))) {
            try {
                compose.run(Duration.ofMinutes(12), "up", "-d", "--no-build");
                String fed = Compose.exec(List.of("java", "-jar", "target/storywatch.jar", "feed",
                        "--bootstrap-servers", bootstrap, SAMPLES.toString()), Map.of(), Duration.ofMinutes(2));
                Set<String> ids = sampleIds();
                assertTrue(fed.contains("sent=" + ids.size() + " failed=0"), fed);

                List<ConsumerRecord<String, byte[]>> scored = TopicReader.readUntil(bootstrap, Topics.SCORED.name(),
                        records -> keys(records).containsAll(ids), Duration.ofMinutes(5), Duration.ofSeconds(3));
                Map<String, Long> timesScored = scored.stream()
                        .collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
                Map<String, Long> once = new TreeMap<>();
                ids.forEach(id -> once.put(id, 1L));
                assertEquals(once, timesScored, "every sample scored exactly once, in the container");

                List<ConsumerRecord<String, byte[]>> factions = TopicReader.readUntil(bootstrap,
                        Topics.FACTION_SENTIMENT.name(),
                        records -> factionsOf(records).containsAll(Set.of("safety", "acceleration")),
                        Duration.ofMinutes(2), Duration.ZERO);
                assertTrue(factionsOf(factions).containsAll(Set.of("safety", "acceleration")),
                        "faction windows of both factions: " + factionsOf(factions));
            } catch (RuntimeException | Error e) {
                System.err.println(compose.run(Duration.ofMinutes(1), "logs", "--no-color", "--tail", "200"));
                throw e;
            }
        }
    }

    private static Set<String> sampleIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(SAMPLES, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                ids.add(Json.mapper().readTree(line).get("id").asText());
            }
        }
        return ids;
    }

    private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static Set<String> factionsOf(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> factions = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                JsonNode faction = Json.mapper().readTree(record.value()).get("faction");
                factions.add(faction.asText());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return factions;
    }
}
