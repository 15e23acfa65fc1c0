package io.storywatch.stage.segment;

import io.storywatch.event.ArticleFailed;
import io.storywatch.failure.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.storywatch.json.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.TestStories;
import io.storywatch.topic.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentStageTest {

    private static final StoryDefinition STORY = Stories.defaultStory();

    private TopologyTestDriver driver;
    private TestInputTopic<String, ArticleCleaned> clean;
    private TestInputTopic<String, StoryDefinition> stories;
    private TestOutputTopic<String, ArticleSegmented> segmented;

    @TempDir
    Path stateDir;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "storywatch-segment-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // a private state directory: the global store's RocksDB lock must not meet another run's
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new SegmentStage(STORY).buildTopology(), config);
        clean = driver.createInputTopic(Topics.CLEAN.name(), Topics.CLEAN.keySerde().serializer(),
                Topics.CLEAN.valueSerde().serializer());
        stories = driver.createInputTopic(Topics.STORIES.name(), Topics.STORIES.keySerde().serializer(),
                Topics.STORIES.valueSerde().serializer());
        segmented = driver.createOutputTopic(Topics.SEGMENTED.name(), Topics.SEGMENTED.keySerde().deserializer(),
                Topics.SEGMENTED.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private static ArticleCleaned article(String id, String title, String body) {
        return new ArticleCleaned(1, id, title, body, title + "\n" + body, "2024-05-15T02:00:00Z", "测试日报",
                "https://example.com/" + id, "zh", "hash-" + id, null);
    }

    @Test
    void shouldSegmentEachCleanArticleIntoSentencesAndWordsCarryingItsFields() {
        clean.pipeInput("a1", article("a1", "伊利亚离职", "奥特曼回应。"));

        assertEquals(new ArticleSegmented(ArticleSegmented.SCHEMA_VERSION, "a1", "伊利亚离职", "伊利亚离职\n奥特曼回应。", "2024-05-15T02:00:00Z",
                "测试日报", "https://example.com/a1", "zh", "hash-a1", null,
                List.of(new Sentence(0, 0, 5, "伊利亚离职",
                                List.of(new Token("伊利亚", "nr", 0, 3), new Token("离职", "vi", 3, 5))),
                        new Sentence(1, 6, 12, "奥特曼回应。",
                                List.of(new Token("奥特曼", "nr", 6, 9), new Token("回应", "vn", 9, 11),
                                        new Token("。", "w", 11, 12)))),
                Map.of("segmenter", "hanlp-portable-1.8.6:viterbi+story:openai-governance@2")),
                segmented.readValue());
        assertTrue(segmented.isEmpty());
    }

    @Test
    void shouldKeepANameWholeOnceItIsPublishedOnTheStoriesTopic() {
        clean.pipeInput("a1", article("a1", "告别", "伊大神发文告别。"));
        stories.pipeInput(STORY.id(), TestStories.withAlias(STORY, "ilya-sutskever", "伊大神", "3"));
        clean.pipeInput("a2", article("a2", "告别", "伊大神发文告别。"));

        ArticleSegmented before = segmented.readValue();
        ArticleSegmented after = segmented.readValue();
        assertEquals(List.of("伊", "大神", "发文", "告别", "。"),
                before.sentences().get(1).tokens().stream().map(Token::word).toList());
        assertEquals(List.of(new Token("伊大神", "nr", 3, 6), new Token("发文", "vi", 6, 8),
                new Token("告别", "vi", 8, 10), new Token("。", "w", 10, 11)), after.sentences().get(1).tokens());
        assertEquals(Map.of("segmenter", "hanlp-portable-1.8.6:viterbi+story:openai-governance@3"), after.versions());
        assertTrue(segmented.isEmpty());
    }

    @Test
    void shouldSendUnreadableAndFailingArticlesToFailedTopicAndSegmentTheNextArticle(@TempDir Path ownStateDir) {
        // a segmenter that breaks on one character, as a bug in a dictionary might
        SegmentStage stage = new SegmentStage(STORY, story -> new Segmenter() {
            private final Segmenter real = HanLpSegmenter.forStory(story);

            @Override
            public List<Sentence> segment(String text) {
                if (text.contains("☠")) {
                    throw new IllegalStateException("the segmenter cannot take ☠");
                }
                return real.segment(text);
            }

            @Override
            public String version() {
                return real.version();
            }
        });
        try (TopologyTestDriver own = new TopologyTestDriver(stage.buildTopology(),
                DeadLetters.config(stage, ownStateDir))) {
            TestInputTopic<String, byte[]> in = own.createInputTopic(Topics.CLEAN.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, ArticleSegmented> out = own.createOutputTopic(Topics.SEGMENTED.name(),
                    Topics.SEGMENTED.keySerde().deserializer(), Topics.SEGMENTED.valueSerde().deserializer());
            TestOutputTopic<String, ArticleFailed> failed = DeadLetters.failedTopic(own);
            String notJson = "\u0000\u0001 not an article";
            String poison = Json.toString(article("p2", "☠", "奥特曼回应。"));
            ArticleCleaned valid = article("a1", "伊利亚离职", "奥特曼回应。");

            in.pipeInput("p1", notJson.getBytes(StandardCharsets.UTF_8)); // unreadable: a dead letter
            in.pipeInput("p2", poison.getBytes(StandardCharsets.UTF_8));  // readable, but the segmenter throws
            in.pipeInput("a1", Json.toBytes(valid));                       // segmented as if nothing happened

            assertEquals(SegmentStage.segmented(valid, HanLpSegmenter.forStory(STORY)), out.readValue());
            assertTrue(out.isEmpty());
            ArticleFailed unreadable = failed.readValue();
            assertEquals(new DeadLetters.Letter("segment", ArticleFailed.DESERIALIZATION,
                    "com.fasterxml.jackson.core.JsonParseException", Topics.CLEAN.name(), 0, "p1", notJson),
                    DeadLetters.letter(unreadable));
            assertEquals(Map.of("segmenter", "hanlp-portable-1.8.6:viterbi+story:" + STORY.label(),
                    "story", STORY.label()), unreadable.versions());
            ArticleFailed thrown = failed.readValue();
            assertEquals(new DeadLetters.Letter("segment", ArticleFailed.PROCESSING, "java.lang.IllegalStateException",
                    Topics.CLEAN.name(), 1, "p2", poison), DeadLetters.letter(thrown));
            assertEquals("the segmenter cannot take ☠", thrown.errorMessage());
            assertTrue(failed.isEmpty());
        }
    }
}
