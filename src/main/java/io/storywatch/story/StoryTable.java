package io.storywatch.story;

import io.storywatch.topic.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** news.stories as a global table, the way every stage that follows story definitions reads it. */
public final class StoryTable {

    private StoryTable() {
    }

    /** The latest definition of each story by id, in a global store named {@code storeName}. */
    public static GlobalKTable<String, StoryDefinition> global(StreamsBuilder builder, String storeName) {
        return builder.globalTable(Topics.STORIES.name(), Topics.STORIES.consumed(),
                Materialized.<String, StoryDefinition, KeyValueStore<Bytes, byte[]>>as(storeName)
                        .withKeySerde(Topics.STORIES.keySerde()).withValueSerde(Topics.STORIES.valueSerde()));
    }
}
