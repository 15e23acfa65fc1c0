package io.storywatch.story;

import io.storywatch.topic.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
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

    /**
     * Each record of {@code stream} with the latest definition of every story followed: the one on news.stories, else
     * the given default, in the order of {@code defaults} (the first is the main story). One join per story, named
     * {@code NAME-STORY}. Records without a value are dropped, as a join drops them.
     */
    public static <V> KStream<String, Followed<V>> follow(KStream<String, V> stream,
                                                          GlobalKTable<String, StoryDefinition> stories,
                                                          List<StoryDefinition> defaults, String name) {
        // a join drops a record without a value: so do we, before it becomes a value with stories
        KStream<String, Followed<V>> followed = stream.filter((key, value) -> value != null,
                        Named.as(name + "-skip-tombstones"))
                .mapValues(value -> new Followed<>(value, List.of()), Named.as(name + "-stories"));
        for (StoryDefinition fallback : defaults) {
            followed = followed.leftJoin(stories, (key, value) -> fallback.id(),
                    (value, published) -> value.with(published == null ? fallback : published),
                    Named.as(name + "-" + fallback.id()));
        }
        return followed;
    }

    /** A record's value with the current definitions of the stories followed, main story first. */
    public record Followed<V>(V value, List<StoryDefinition> stories) {

        Followed<V> with(StoryDefinition story) {
            List<StoryDefinition> more = new ArrayList<>(stories);
            more.add(story);
            return new Followed<>(value, List.copyOf(more));
        }
    }
}
