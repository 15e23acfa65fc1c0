package io.storywatch.story;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serde of news.stories: a story that does not parse or validate reads as null (logged), so one bad publication
 * never stops the stages that follow the topic; they keep tagging with the default story.
 */
public final class StorySerde {

    private static final Logger LOG = LoggerFactory.getLogger(StorySerde.class);

    private StorySerde() {
    }

    public static Serde<StoryDefinition> lenient() {
        Serializer<StoryDefinition> serializer = (topic, story) ->
                story == null ? null : Stories.toJson(story).getBytes(StandardCharsets.UTF_8);
        Deserializer<StoryDefinition> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return Stories.parse(new String(bytes, StandardCharsets.UTF_8), topic);
            } catch (RuntimeException e) {
                LOG.warn("ignoring a story on {}: {}", topic, e.getMessage());
                return null;
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
