package io.storywatch.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value readers of every topic on any bytes: a reader either refuses with its one documented error (the JSON
 * records' {@link UncheckedIOException}; a bad story reads as null) or returns a record that writes and reads back
 * equal to itself. The first byte picks the topic, the rest is the value.
 */
class TopicSerdeFuzzTest {

    /** Every topic whose value is a record (news.articles.raw is bytes on purpose). */
    private static final List<Topic<?, ?>> TOPICS =
            Topics.all().stream().filter(t -> t != Topics.RAW).toList();

    @FuzzTest
    void everyTopicsValueReaderRefusesCleanlyOrRoundTrips(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Topic<?, ?> topic = TOPICS.get(Byte.toUnsignedInt(input[0]) % TOPICS.size());
        roundTrip(topic.name(), topic.valueSerde(), Arrays.copyOfRange(input, 1, input.length));
    }

    private static <V> void roundTrip(String topic, Serde<V> serde, byte[] bytes) {
        V value;
        try {
            value = serde.deserializer().deserialize(topic, bytes);
        } catch (UncheckedIOException refused) {
            return;
        }
        if (value == null) {
            return;
        }
        byte[] written = serde.serializer().serialize(topic, value);
        assertEquals(value, serde.deserializer().deserialize(topic, written), topic + " does not read back "
                + "what it wrote");
    }
}
