package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleFailed;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.failure.DeadLetters;
import io.storywatch.json.Json;
import io.storywatch.event.StanceScored;
import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreStageTest {

    @Test
    void shouldAppendOneAnalysisObjectPerTaggedArticle() {
        ScoreStage stage = new ScoreStage(ArticleScorerTest.SCORER);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "storywatch-score-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(stage.buildTopology(), props)) {
            TestInputTopic<String, EntitiesTagged> in = driver.createInputTopic(Topics.TAGGED.name(),
                    Topics.TAGGED.keySerde().serializer(), Topics.TAGGED.valueSerde().serializer());
            TestOutputTopic<String, StanceScored> out = driver.createOutputTopic(Topics.SCORED.name(),
                    Topics.SCORED.keySerde().deserializer(), Topics.SCORED.valueSerde().deserializer());

            EntitiesTagged firing = ArticleScorerTest.firingArticle();
            EntitiesTagged empty = ArticleScorerTest.article("a9", List.of("天气", "今天天气很好。"), List.of());
            in.pipeInput(firing.id(), firing);
            in.pipeInput("tombstone", null);
            in.pipeInput(empty.id(), empty);

            StanceScored first = out.readValue();
            assertEquals(List.of(new KeyValue<>("a1", ArticleScorerTest.SCORER.score(firing))),
                    List.of(new KeyValue<>("a1", first)));
            assertEquals("neg", first.sentences().get(1).targets().get("sam-altman").label());
            assertEquals(new KeyValue<>("a9", ArticleScorerTest.SCORER.score(empty)), out.readKeyValue());
            assertTrue(out.isEmpty());
        }
    }

    @Test
    void shouldReadTaggedAndWriteScored() {
        ScoreStage stage = new ScoreStage(ArticleScorerTest.SCORER);
        assertEquals("score", stage.name());
        assertEquals(Topics.TAGGED, stage.input());
        assertEquals(List.of(Topics.SCORED), stage.outputs());
    }

    @Test
    void shouldSendUnreadableAndFailingRecordsToFailedTopicAndScoreTheNextArticle(@TempDir Path stateDir) {
        ScoreStage stage = new ScoreStage(ArticleScorerTest.SCORER);
        try (TopologyTestDriver driver = new TopologyTestDriver(stage.buildTopology(),
                DeadLetters.config(stage, stateDir))) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Topics.TAGGED.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, StanceScored> out = driver.createOutputTopic(Topics.SCORED.name(),
                    Topics.SCORED.keySerde().deserializer(), Topics.SCORED.valueSerde().deserializer());
            TestOutputTopic<String, ArticleFailed> failed = DeadLetters.failedTopic(driver);
            EntitiesTagged valid = ArticleScorerTest.firingArticle();
            String notJson = "{\"id\": \"p1\", 奥特曼";
            String noSentences = "{\"schemaVersion\":2,\"id\":\"p2\",\"text\":\"奥特曼\"}";

            in.pipeInput("p1", notJson.getBytes(StandardCharsets.UTF_8));     // unreadable: a dead letter
            in.pipeInput("p2", noSentences.getBytes(StandardCharsets.UTF_8)); // readable, but the scorer throws
            in.pipeInput(valid.id(), Json.toBytes(valid));                   // scored as if nothing happened

            assertEquals(new KeyValue<>("a1", ArticleScorerTest.SCORER.score(valid)), out.readKeyValue());
            assertTrue(out.isEmpty());
            ArticleFailed unreadable = failed.readValue();
            assertEquals(new DeadLetters.Letter("score", ArticleFailed.DESERIALIZATION,
                    "com.fasterxml.jackson.core.JsonParseException", Topics.TAGGED.name(), 0, "p1", notJson),
                    DeadLetters.letter(unreadable));
            assertEquals(Map.of("sentiment", ArticleScorerTest.SCORER.version()), unreadable.versions());
            assertEquals(new DeadLetters.Letter("score", ArticleFailed.PROCESSING,
                    "java.lang.NullPointerException", Topics.TAGGED.name(), 1, "p2", noSentences),
                    DeadLetters.letter(failed.readValue()));
            assertTrue(failed.isEmpty());
        }
    }
}
