package io.storywatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.stage.aggregate.AggregateStage;
import io.storywatch.stage.aggregate.Portrayals;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.Stories;
import io.storywatch.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineProbeTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldExpectTheAggregateUpdatesOfAnArticleAndNameItsDayWindowAsTheAggregateKeysIt() {
        StoryDefinition story = Stories.defaultStory();
        ArticleAnalyzer analyzer = ArticleAnalyzer.forStory(story, SentimentModels.loadDefault());
        BenchArticle article = null;
        StanceScored analysis = null;
        for (BenchArticle candidate : BenchCorpus.fromSamples(story).articles("probe", 20, 3,
                Instant.parse("2024-05-20T00:00:00Z"), Duration.ZERO, true, List.of())) {
            BenchArticle dated = candidate.renamed("probe-1", Instant.parse("2024-04-02T12:00:00Z"));
            if (analyzer.analyze(dated.json()) instanceof ArticleAnalyzer.Analysed analysed
                    && !Portrayals.ofFactions(analysed.analysis()).isEmpty()) {
                article = dated;
                analysis = analysed.analysis();
                break;
            }
        }
        assertTrue(article != null, "no generated article portrays a faction");

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "probe-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Set<String> windows;
        long updates;
        try (TopologyTestDriver driver = new TopologyTestDriver(new AggregateStage().buildTopology(), props)) {
            driver.createInputTopic(Topics.SCORED.name(), Topics.SCORED.keySerde().serializer(),
                    Topics.SCORED.valueSerde().serializer()).pipeInput(analysis.id(), analysis);
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            TestOutputTopic<String, FactionSentimentWindow> factions = driver.createOutputTopic(
                    Topics.FACTION_SENTIMENT.name(), Topics.FACTION_SENTIMENT.keySerde().deserializer(),
                    Topics.FACTION_SENTIMENT.valueSerde().deserializer());
            List<String> factionKeys = factions.readKeyValuesToList().stream().map(kv -> kv.key).toList();
            windows = factionKeys.stream().map(key -> key.substring(key.indexOf('@') + 1)).collect(Collectors.toSet());
            updates = factionKeys.size() + driver.createOutputTopic(Topics.ENTITY_SENTIMENT.name(),
                    Topics.ENTITY_SENTIMENT.keySerde().deserializer(),
                    Topics.ENTITY_SENTIMENT.valueSerde().deserializer()).getQueueSize();
        }

        assertFalse(windows.isEmpty());
        // the burst is over when the reach its articles add has arrived: one window per target and size, exactly
        assertEquals(PipelineProbe.windowsOf(analysis), updates);
        assertTrue(windows.contains(PipelineProbe.dayWindow(article)),
                PipelineProbe.dayWindow(article) + " not among " + windows);
    }
}
