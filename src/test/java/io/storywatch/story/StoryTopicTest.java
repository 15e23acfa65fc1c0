package io.storywatch.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.storywatch.runtime.EmbeddedBroker;
import io.storywatch.runtime.TopicApplier;
import io.storywatch.topic.TopicCatalog;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Story definitions on news.stories, as `run` and `story publish` write them, on the embedded broker. */
class StoryTopicTest {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKER.bootstrapServers()))) {
            new TopicApplier(admin).apply(TopicCatalog.fromClasspath().withReplicationFactor((short) 1));
        }
    }

    @Test
    void shouldPublishTheStartingStoryOnceAndKeepAnEditedDefinitionAcrossRestarts() {
        StoryTopic topic = new StoryTopic(BROKER.bootstrapServers());
        StoryDefinition bundled = Stories.defaultStory();

        // first start: nothing on the topic, so the bundled story is published
        assertEquals(bundled, topic.ensure(bundled, false));
        // a team adds an alias on the topic
        StoryDefinition edited = TestStories.withAlias(bundled, "sam-altman", "奥特曼先生", "team-edit-1");
        topic.publish(edited);
        // the next start keeps the team's definition instead of the bundled one
        assertEquals(edited, topic.ensure(bundled, false));
        assertEquals(Map.of(bundled.id(), edited), topic.current());
        // an explicit --story replaces it
        assertEquals(bundled, topic.ensure(bundled, true));
        assertEquals(Map.of(bundled.id(), bundled), topic.current());
    }

    @Test
    void shouldRefuseToPublishAnInvalidStory() {
        StoryDefinition bundled = Stories.defaultStory();
        StoryDefinition broken = new StoryDefinition(bundled.id(), bundled.version(), bundled.title(),
                bundled.keywords(), bundled.entities(),
                List.of(new Faction("ghosts", Map.of("en", "ghosts"), List.of(new FactionMember("nobody", null, null)))),
                bundled.commonWords());

        assertThrows(InvalidStoryException.class, () -> new StoryTopic(BROKER.bootstrapServers()).publish(broken));
    }
}
