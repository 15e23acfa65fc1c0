package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.StanceScored;
import io.storywatch.topic.Topics;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

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
}
