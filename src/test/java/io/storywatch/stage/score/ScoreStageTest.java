package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleFailed;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.TargetSentiment;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.failure.DeadLetters;
import io.storywatch.json.Json;
import io.storywatch.event.StanceScored;
import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreStageTest {

    @Test
    void shouldAppendOneAnalysisObjectPerTaggedArticle() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, EntitiesTagged> in = tagged(driver);
            TestOutputTopic<String, StanceScored> out = scored(driver);

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
    void shouldScoreEachArticleWithTheScorerOfTheStoryItWasTaggedForElseTheMainOne() {
        ArticleScorer other = new ArticleScorer(new RuleSentimentModel(SentimentLexicon.loadDefault()),
                List.of("build", "protect"));
        ScoreStage stage = new ScoreStage(ArticleScorerTest.SCORER, Map.of("river-dam", other));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "storywatch-score-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(stage.buildTopology(), props)) {
            TestInputTopic<String, EntitiesTagged> in = driver.createInputTopic(Topics.TAGGED.name(),
                    Topics.TAGGED.keySerde().serializer(), Topics.TAGGED.valueSerde().serializer());
            TestOutputTopic<String, StanceScored> out = driver.createOutputTopic(Topics.SCORED.name(),
                    Topics.SCORED.keySerde().deserializer(), Topics.SCORED.valueSerde().deserializer());
            EntitiesTagged unnamed = ArticleScorerTest.firingArticle();
            EntitiesTagged dam = withStory(unnamed, "river-dam@1");
            EntitiesTagged unknown = withStory(unnamed, "harbour-strike@1");

            in.pipeInput("a1", unnamed);                 // names no story: the main scorer
            in.pipeInput("river-dam/a1", dam);           // the river-dam story's camps
            in.pipeInput("harbour-strike/a1", unknown);  // a story this stage does not know: the main scorer

            assertEquals(List.of(new KeyValue<>("a1", ArticleScorerTest.SCORER.score(unnamed)),
                            new KeyValue<>("river-dam/a1", other.score(dam)),
                            new KeyValue<>("harbour-strike/a1", ArticleScorerTest.SCORER.score(unknown))),
                    out.readKeyValuesToList());
            // the river-dam story's camps are reported (absent here), the main story's scorer knows none of them
            assertTrue(other.score(dam).factions().keySet().containsAll(Set.of("build", "protect")));
            assertFalse(ArticleScorerTest.SCORER.score(unnamed).factions().containsKey("build"));
        }
    }

    private static EntitiesTagged withStory(EntitiesTagged a, String storyLabel) {
        Map<String, String> versions = new java.util.TreeMap<>(a.versions() == null ? Map.of() : a.versions());
        versions.put("story", storyLabel);
        return new EntitiesTagged(a.schemaVersion(), a.id(), a.title(), a.text(), a.publishedAt(), a.source(),
                a.url(), a.language(), a.contentHash(), a.duplicateOf(), a.sentences(), a.entities(), a.unlinked(),
                a.relevance(), a.relevant(), versions);
    }

    @Test
    void shouldReEmitAnArticleWithTheCorrectionsInForceWhenACorrectionArrivesOrTheArticleIsScoredAgain() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, EntitiesTagged> in = tagged(driver);
            TestInputTopic<String, CorrectionMade> corrections = driver.createInputTopic(Topics.CORRECTIONS.name(),
                    Topics.CORRECTIONS.keySerde().serializer(), Topics.CORRECTIONS.valueSerde().serializer());
            TestOutputTopic<String, StanceScored> out = scored(driver);
            EntitiesTagged firing = ArticleScorerTest.firingArticle();
            StanceScored machine = ArticleScorerTest.SCORER.score(firing);
            CorrectionMade toPos = targetCorrection("c1", "neg", "pos");
            CorrectionMade toNeu = targetCorrection("c2", "pos", "neu");
            CorrectionMade irrelevant = new CorrectionMade(1, "c3", "analyst-b", "2026-01-02T10:00:00Z", "a1",
                    CorrectionMade.RELEVANCE, null, null, null, "relevant", "irrelevant", "about another company");

            corrections.pipeInput("zz", new CorrectionMade(1, "c0", "analyst-a", "2026-01-02T09:00:00Z", "zz",
                    CorrectionMade.RELEVANCE, null, null, null, "relevant", "irrelevant", null)); // nothing scored
            in.pipeInput(firing.id(), firing);
            assertEquals(machine, out.readValue(), "uncorrected: the machine's analysis as it was");

            corrections.pipeInput("a1", toPos);
            StanceScored corrected = out.readValue();
            assertEquals(new TargetSentiment(1.0, "pos"), corrected.sentences().get(1).targets().get("sam-altman"));
            assertEquals(List.of(toPos), corrected.corrections());
            assertEquals(ArticleScorerTest.SCORER.rescored(withCorrected(machine, corrected)), corrected,
                    "entity and faction scores counted again from the corrected label");
            assertTrue(corrected.entityScores().get("sam-altman").score()
                    > machine.entityScores().get("sam-altman").score());

            corrections.pipeInput("a1", toNeu);
            StanceScored superseded = out.readValue();
            assertEquals(new TargetSentiment(0.0, "neu"), superseded.sentences().get(1).targets().get("sam-altman"));
            assertEquals(List.of(toNeu), superseded.corrections(), "the later correction of the target supersedes");

            in.pipeInput(firing.id(), firing); // a replay of the tag stage: scored again, corrected again
            assertEquals(superseded, out.readValue());

            corrections.pipeInput("a1", irrelevant);
            StanceScored withdrawn = out.readValue();
            assertFalse(withdrawn.relevant());
            assertEquals(List.of(toNeu, irrelevant), withdrawn.corrections());
            assertTrue(out.isEmpty());
        }
    }

    @Test
    void shouldCostTheBrokerNoChangelogRecordForAnArticleOnlyForACorrection() {
        try (TopologyTestDriver driver = driver()) {
            EntitiesTagged firing = ArticleScorerTest.firingArticle();
            tagged(driver).pipeInput(firing.id(), firing);
            driver.createInputTopic(Topics.CORRECTIONS.name(), Topics.CORRECTIONS.keySerde().serializer(),
                    Topics.CORRECTIONS.valueSerde().serializer()).pipeInput("a1", targetCorrection("c1", "neg", "pos"));

            // the tagged articles are restored from news.articles.tagged itself; the corrections from their changelog
            Map<String, Long> changelogRecords = new java.util.TreeMap<>();
            driver.producedTopicNames().stream().filter(topic -> topic.endsWith("-changelog")).forEach(topic ->
                    changelogRecords.put(topic, driver.createOutputTopic(topic, new StringDeserializer(),
                            new ByteArrayDeserializer()).getQueueSize()));
            assertEquals(Map.of("storywatch-score-test-" + ScoreStage.CORRECTIONS_STORE + "-changelog", 1L),
                    changelogRecords);
            assertEquals(2, scored(driver).getQueueSize(), "the article, then the article corrected");
        }
    }

    private static CorrectionMade targetCorrection(String id, String oldLabel, String newLabel) {
        return new CorrectionMade(1, id, "analyst-a", "2026-01-02T09:0" + id.charAt(1) + ":00Z", "a1",
                CorrectionMade.TARGET_LABEL, 1, "sam-altman", "句子", oldLabel, newLabel, "reads as praise");
    }

    private static StanceScored withCorrected(StanceScored machine, StanceScored corrected) {
        return new StanceScored(machine.schemaVersion(), machine.id(), machine.title(), machine.publishedAt(),
                machine.source(), machine.url(), machine.duplicateOf(), machine.relevance(), machine.relevant(),
                machine.text(), corrected.sentences(), machine.entities(), machine.unlinked(), machine.entityScores(),
                machine.factions(), machine.versions(), corrected.corrections());
    }

    @Test
    void shouldAskForMoreStreamThreadsOnlyWhenItScoresWithTheEncoder() {
        assertEquals(Map.of(), new ScoreStage(ArticleScorerTest.SCORER).streamsProperties());
        ArticleScorer withEncoder = new ArticleScorer(
                SentimentModels.forOption(null, SentimentModels.DEFAULT_MODEL_WEIGHT), List.of("safety"));
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        assertEquals(threads > 1 ? Map.of("num.stream.threads", threads) : Map.of(),
                new ScoreStage(withEncoder).streamsProperties());
        assertEquals(threads > 1 ? Map.of("num.stream.threads", threads) : Map.of(),
                new ScoreStage(ArticleScorerTest.SCORER, Map.of("other-story", withEncoder)).streamsProperties(),
                "a story scored with the encoder asks for them too");
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
            TestOutputTopic<String, StanceScored> out = scored(driver);
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

    private static TopologyTestDriver driver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "storywatch-score-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(new ScoreStage(ArticleScorerTest.SCORER).buildTopology(), props);
    }

    private static TestInputTopic<String, EntitiesTagged> tagged(TopologyTestDriver driver) {
        return driver.createInputTopic(Topics.TAGGED.name(), Topics.TAGGED.keySerde().serializer(),
                Topics.TAGGED.valueSerde().serializer());
    }

    private static TestOutputTopic<String, StanceScored> scored(TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.SCORED.name(), Topics.SCORED.keySerde().deserializer(),
                Topics.SCORED.valueSerde().deserializer());
    }
}
