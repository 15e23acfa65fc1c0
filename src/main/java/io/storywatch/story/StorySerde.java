package io.storywatch.story;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        Deserializer<StoryDefinition> deserializer = new Deserializer<>() {
            // a global table hands out the same stored bytes for every article: parse and validate them once
            private byte[] lastBytes;
            private StoryDefinition lastStory;

            @Override
            public synchronized StoryDefinition deserialize(String topic, byte[] bytes) {
                if (bytes == null) {
                    return null;
                }
                if (Arrays.equals(bytes, lastBytes)) {
                    return lastStory;
                }
                StoryDefinition story;
                try {
                    story = Stories.parse(new String(bytes, StandardCharsets.UTF_8), topic);
                } catch (RuntimeException e) {
                    LOG.warn("ignoring a story on {}: {}", topic, e.getMessage());
                    story = null;
                }
                lastBytes = bytes.clone();
                lastStory = story;
                return story;
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
