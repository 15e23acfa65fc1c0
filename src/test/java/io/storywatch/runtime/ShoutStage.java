package io.storywatch.runtime;

import io.storywatch.stage.Stage;
import io.storywatch.topic.Topic;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/** A stand-in stage for runtime tests: upper-cases values, and fails on the value "poison". */
public record ShoutStage(String name, Topic<String, String> input, Topic<String, String> output) implements Stage {

    public static ShoutStage between(String name, String inputTopic, String outputTopic) {
        return new ShoutStage(name, new Topic<>(inputTopic, Serdes.String(), Serdes.String()),
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
                .mapValues(value -> {
                    if ("poison".equals(value)) {
                        throw new IllegalArgumentException("cannot shout poison");
                    }
                    return value.toUpperCase(Locale.ROOT);
                }, Named.as("shout"))
                .to(output.name(), output.produced());
        return builder.build();
    }
}
