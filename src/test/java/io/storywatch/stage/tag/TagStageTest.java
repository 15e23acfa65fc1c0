package io.storywatch.stage.tag;

import io.storywatch.event.ArticleFailed;
import io.storywatch.failure.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.storywatch.json.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.Mention;
import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.event.UnlinkedName;
import io.storywatch.stage.segment.HanLpSegmenter;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagStageTest {

    private static final StoryDefinition STORY = Stories.defaultStory();
    private static final String SEGMENTER_VERSION = "hanlp-portable-1.8.6:viterbi+story:openai-governance@2";
    private static HanLpSegmenter segmenter;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ArticleSegmented> segmentedTopic;
    private TestInputTopic<String, StoryDefinition> stories;
    private TestOutputTopic<String, EntitiesTagged> tagged;

    @BeforeAll
    static void loadHanLp() {
        segmenter = HanLpSegmenter.forStory(STORY);
    }

    @TempDir
    Path stateDir;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "storywatch-tag-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // a private state directory: the global store's RocksDB lock must not meet another run's
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new TagStage(STORY).buildTopology(), config);
        segmentedTopic = driver.createInputTopic(Topics.SEGMENTED.name(), Topics.SEGMENTED.keySerde().serializer(),
                Topics.SEGMENTED.valueSerde().serializer());
        stories = driver.createInputTopic(Topics.STORIES.name(), Topics.STORIES.keySerde().serializer(),
                Topics.STORIES.valueSerde().serializer());
        tagged = driver.createOutputTopic(Topics.TAGGED.name(), Topics.TAGGED.keySerde().deserializer(),
                Topics.TAGGED.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private static ArticleSegmented segmented(String id, String title, String body) {
        String text = title + "\n" + body;
        return new ArticleSegmented(1, id, title, text, "2024-05-15T02:00:00Z", "测试日报", "https://example.com/" + id,
                "zh", "hash-" + id, null, segmenter.segment(text), Map.of("segmenter", SEGMENTER_VERSION));
    }

    @Test
    void shouldTagEachArticleWithTheDefaultStoryUntilOneIsPublished() {
        ArticleSegmented article = segmented("a1", "伊利亚离职", "奥特曼回应。");
        List<Sentence> sentences = article.sentences();

        segmentedTopic.pipeInput("a1", article);

        // relevance: two people (1 + 1) and one keyword, 离职 (0.3): 2.3 / (2.3 + 2.5)
        assertEquals(new EntitiesTagged(EntitiesTagged.SCHEMA_VERSION, "a1", "伊利亚离职", "伊利亚离职\n奥特曼回应。", "2024-05-15T02:00:00Z", "测试日报",
                "https://example.com/a1", "zh", "hash-a1", null, sentences,
                List.of(new EntityMentions("ilya-sutskever", "person", List.of("safety"),
                                List.of(Mention.named(0, 3, "伊利亚", 0))),
                        new EntityMentions("sam-altman", "person", List.of("acceleration"),
                                List.of(Mention.named(6, 9, "奥特曼", 1)))),
                List.of(), 0.479, false,
                Map.of("segmenter", SEGMENTER_VERSION, "story", "openai-governance@2", "tagger",
                        new EntityTagger().version())),
                tagged.readValue());
        assertTrue(tagged.isEmpty());
    }

    @Test
    void shouldUseAnAliasPublishedOnTheStoriesTopicForTheNextArticleWithoutRestart() {
        segmentedTopic.pipeInput("a1", segmented("a1", "告别", "苏神发文告别OpenAI。"));
        stories.pipeInput(STORY.id(), TestStories.withAlias(STORY, "ilya-sutskever", "苏神", "3"));
        segmentedTopic.pipeInput("a2", segmented("a2", "告别", "苏神发文告别OpenAI。"));

        EntitiesTagged before = tagged.readValue();
        EntitiesTagged after = tagged.readValue();
        assertEquals(List.of(new EntityMentions("openai", "organization", List.of(),
                        List.of(Mention.named(9, 15, "OpenAI", 1)))), before.entities());
        assertEquals(List.of(new UnlinkedName("苏神", "person", 3, 5, 1)), before.unlinked());
        assertEquals("openai-governance@2", before.versions().get("story"));
        assertEquals(List.of(new EntityMentions("ilya-sutskever", "person", List.of("safety"),
                                List.of(Mention.named(3, 5, "苏神", 1))),
                        new EntityMentions("openai", "organization", List.of(),
                                List.of(Mention.named(9, 15, "OpenAI", 1)))), after.entities());
        assertEquals(List.of(), after.unlinked());
        assertEquals("openai-governance@3", after.versions().get("story"));
        assertTrue(tagged.isEmpty());
    }

    @Test
    void shouldKeepTaggingWithTheDefaultStoryWhenAnInvalidStoryIsPublished() {
        driver.createInputTopic(Topics.STORIES.name(), Topics.STORIES.keySerde().serializer(),
                        new org.apache.kafka.common.serialization.StringSerializer())
                .pipeInput(STORY.id(), "{\"id\": \"openai-governance\", \"version\": \"broken\"}");
        segmentedTopic.pipeInput("a1", segmented("a1", "伊利亚离职", "奥特曼回应。"));

        assertEquals("openai-governance@2", tagged.readValue().versions().get("story"));
        assertTrue(tagged.isEmpty());
    }

    @Test
    void shouldSendUnreadableAndFailingArticlesToFailedTopicAndTagTheNextArticle(@TempDir Path ownStateDir) {
        TagStage stage = new TagStage(STORY);
        try (TopologyTestDriver own = new TopologyTestDriver(stage.buildTopology(),
                DeadLetters.config(stage, ownStateDir))) {
            TestInputTopic<String, byte[]> in = own.createInputTopic(Topics.SEGMENTED.name(), new StringSerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<String, EntitiesTagged> out = own.createOutputTopic(Topics.TAGGED.name(),
                    Topics.TAGGED.keySerde().deserializer(), Topics.TAGGED.valueSerde().deserializer());
            TestOutputTopic<String, ArticleFailed> failed = DeadLetters.failedTopic(own);
            String truncated = "{\"schemaVersion\":2,\"id\":\"p1\",\"text\":\"奥特曼";
            // a name past the end of the text, which a buggy segmenter might write
            String pastTheEnd = Json.toString(new ArticleSegmented(ArticleSegmented.SCHEMA_VERSION, "p2", "奥特曼",
                    "奥特曼回应。", null, null, null, "zh", "hash-p2", null, List.of(new Sentence(0, 30, 36, "奥特曼回应。",
                            List.of(new Token("奥特曼", "nr", 30, 33)))), Map.of()));
            ArticleSegmented valid = segmented("a1", "伊利亚离职", "奥特曼回应。");

            in.pipeInput("p1", truncated.getBytes(StandardCharsets.UTF_8));   // unreadable: a dead letter
            in.pipeInput("p2", pastTheEnd.getBytes(StandardCharsets.UTF_8));  // readable, but the tagger throws
            in.pipeInput("a1", Json.toBytes(valid));                          // tagged as if nothing happened

            assertEquals(new EntityTagger().tag(valid, STORY), out.readValue());
            assertTrue(out.isEmpty());
            ArticleFailed unreadable = failed.readValue();
            assertEquals(new DeadLetters.Letter("tag", ArticleFailed.DESERIALIZATION,
                    "com.fasterxml.jackson.core.io.JsonEOFException", Topics.SEGMENTED.name(), 0, "p1", truncated),
                    DeadLetters.letter(unreadable));
            assertEquals(Map.of("story", STORY.label()), unreadable.versions());
            assertEquals(new DeadLetters.Letter("tag", ArticleFailed.PROCESSING,
                    "java.lang.StringIndexOutOfBoundsException", Topics.SEGMENTED.name(), 1, "p2", pastTheEnd),
                    DeadLetters.letter(failed.readValue()));
            assertTrue(failed.isEmpty());
        }
    }
}
