package io.storywatch.json;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde for one event record type, written as JSON by {@link Json}. */
public final class JsonSerde {

    /**
     * The largest value written: the stages' producers take requests of up to 8 MiB, and the room left is for the key,
     * headers and batch overhead. Refusing a larger value while serialising lets the stage send it to
     * news.articles.failed and go on; the producer's own refusal would come too late, after it has doomed the
     * stage's exactly-once transaction.
     */
    public static final int MAX_VALUE_BYTES = 8 * 1024 * 1024 - 64 * 1024;

    private JsonSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : limited(topic, Json.toBytes(value));
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : Json.fromBytes(bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] limited(String topic, byte[] bytes) {
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new SerializationException("the value for " + topic + " is " + bytes.length
                    + " bytes, over the limit of " + MAX_VALUE_BYTES + " bytes");
        }
        return bytes;
    }
}
