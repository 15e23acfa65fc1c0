package io.storywatch.runtime;

import io.storywatch.stage.Stage;
import io.storywatch.topic.Topic;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/** A stand-in stateful stage for runtime tests: counts records per key, so it has local state and a changelog. */
record CountStage(String name, Topic<String, String> input, Topic<String, String> output) implements Stage {

    static CountStage between(String name, String inputTopic, String outputTopic) {
        return new CountStage(name, new Topic<>(inputTopic, Serdes.String(), Serdes.String()),
                new Topic<>(outputTopic, Serdes.String(), Serdes.String()));
    }

    @Override
    public List<Topic<?, ?>> outputs() {
        return List.of(output);
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input.name(), input.consumed())
                .groupByKey(Grouped.with("by-key", Serdes.String(), Serdes.String()))
                .count(Named.as("count"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()).withCachingDisabled())
                .toStream(Named.as("count-changes"))
                .mapValues(String::valueOf, Named.as("count-as-text"))
                .to(output.name(), output.produced());
        return builder.build();
    }
}
