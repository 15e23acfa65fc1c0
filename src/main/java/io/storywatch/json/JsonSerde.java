package io.storywatch.json;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde for one event record type, written as JSON by {@link Json}. */
public final class JsonSerde {

    private JsonSerde() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : Json.toBytes(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : Json.fromBytes(bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
