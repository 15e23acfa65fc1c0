package io.storywatch.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleFailed;
import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.ArticleRejected;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.RawArticle;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.story.StoryDefinition;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeps the code's topic list, the topics/ folder and the docker-compose files in agreement. */
class TopicCatalogTest {

    private static final Path TOPICS_DIR = Path.of("topics");

    /** The event record each topic's value carries; a new topic needs a line here too. */
    private static final Map<String, Class<? extends Record>> VALUE_RECORDS = Map.ofEntries(
            Map.entry("news.articles.raw", RawArticle.class),
            Map.entry("news.articles.rejected", ArticleRejected.class),
            Map.entry("news.articles.clean", ArticleCleaned.class),
            Map.entry("news.articles.segmented", ArticleSegmented.class),
            Map.entry("news.articles.tagged", EntitiesTagged.class),
            Map.entry("news.articles.scored", StanceScored.class),
            Map.entry("news.faction-sentiment", FactionSentimentWindow.class),
            Map.entry("news.entity-sentiment", EntitySentimentWindow.class),
            Map.entry("news.stories", StoryDefinition.class),
            Map.entry("news.articles.late", ArticleMissedWindow.class),
            Map.entry("news.story-coverage", StoryCoverage.class),
            Map.entry("news.faction-alerts", FactionShiftDetected.class),
            Map.entry("news.articles.failed", ArticleFailed.class),
            Map.entry("news.corrections", CorrectionMade.class));

    private static Set<String> codeTopics() {
        return Topics.all().stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void shouldDefineExactlyTheTopicsOfTheCodeInTopicsFolder() throws IOException {
        Set<String> files;
        try (var list = Files.list(TOPICS_DIR)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }

        assertEquals(codeTopics().stream().map(n -> n + ".json").collect(Collectors.toCollection(TreeSet::new)),
                files);
    }

    @Test
    void shouldLoadTheSameDefinitionsFromTheFolderAndFromTheClasspath() {
        TopicCatalog folder = TopicCatalog.fromDirectory(TOPICS_DIR);
        TopicCatalog classpath = TopicCatalog.fromClasspath();

        assertEquals(codeTopics(), folder.specs().stream().map(TopicSpec::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(Topics.all().stream().map(Topic::name).toList(),
                classpath.specs().stream().map(TopicSpec::name).toList());
        for (TopicSpec spec : classpath.specs()) {
            assertEquals(folder.spec(spec.name()).orElseThrow(), spec);
        }
    }

    @Test
    void shouldDescribeEachValueWithTheFieldsOfItsEventRecord() {
        assertEquals(codeTopics(), new TreeSet<>(VALUE_RECORDS.keySet()), "a topic without its record in this test");
        for (TopicSpec spec : TopicCatalog.fromDirectory(TOPICS_DIR).specs()) {
            JsonNode schema = spec.value().schema();
            Class<? extends Record> type = VALUE_RECORDS.get(spec.name());

            assertEquals(type.getSimpleName(), schema.path("title").asText(), spec.name());
            assertEquals(componentNames(type), fieldNames(schema.path("properties")), spec.name());
            schema.path("required").forEach(r -> assertTrue(schema.path("properties").has(r.asText()),
                    spec.name() + " requires unknown field " + r.asText()));
        }
    }

    @Test
    void shouldKeepTheRawTopicForeverAndPutRejectReasonsInHeaders() {
        TopicCatalog catalog = TopicCatalog.fromClasspath();
        TopicSpec raw = catalog.spec(Topics.RAW);
        TopicSpec rejected = catalog.spec(Topics.REJECTED);

        assertEquals("delete", raw.config().get("cleanup.policy"));
        assertEquals("-1", raw.config().get("retention.ms"));
        assertEquals("-1", raw.config().get("retention.bytes"));
        assertEquals(Set.of("storywatch.reject.code", "storywatch.reject.message"),
                rejected.value().headers().keySet());
        // a rejected record may have no key, which a compacted topic would refuse
        assertEquals("delete", rejected.config().get("cleanup.policy"));
    }

    @Test
    void shouldNameEveryStageAsAWriterOfTheFailedTopicSinceEachSendsItsOwnDeadLetters() {
        TopicSpec failed = TopicCatalog.fromClasspath().spec(Topics.FAILED);

        assertEquals(PipelineFactory.standard().stageNames(), List.of(failed.writer().split(", ")));
        assertEquals(Set.of("storywatch.failed.stage", "storywatch.failed.error"), failed.value().headers().keySet());
        // a dead letter may have no key, which a compacted topic would refuse
        assertEquals("delete", failed.config().get("cleanup.policy"));
    }

    @Test
    void shouldLetOneReplicationFactorOverrideEveryDefinition() {
        TopicCatalog single = TopicCatalog.fromClasspath().withReplicationFactor((short) 1);

        assertTrue(single.specs().stream().allMatch(s -> s.replicationFactor() == 1));
        assertTrue(TopicCatalog.fromClasspath().specs().stream().allMatch(s -> s.replicationFactor() == 3),
                "topics/ describes a production cluster of three brokers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.cluster.yml"})
    void shouldMentionInDockerComposeOnlyTopicsOfTopicsFolderAndCreateThemFromIt(String file) throws IOException {
        String compose = Files.readString(Path.of(file));
        Set<String> mentioned = new TreeSet<>();
        Matcher topic = Pattern.compile("news\\.[a-z][a-z.-]*[a-z]").matcher(compose);
        while (topic.find()) {
            mentioned.add(topic.group());
        }
        mentioned.removeAll(codeTopics());

        assertEquals(Set.of(), mentioned, file + " names topics that topics/ does not define");
        assertTrue(compose.contains("./topics:/topics"), "topic-init must read topics/");
        assertTrue(compose.contains("\"topics\", \"apply\""), "topic-init must run `topics apply`");
        assertFalse(compose.contains("kafka-topics"), "topics are created from topics/, not by hand");
    }

    private static Set<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(TopicCatalogTest::jsonName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A component's JSON name: its own, or the one {@code @JsonProperty} gives it (e.g. "final"). */
    private static String jsonName(RecordComponent component) {
        JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        if (renamed == null) {
            renamed = component.getAnnotation(JsonProperty.class);
        }
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }

    private static Set<String> fieldNames(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
