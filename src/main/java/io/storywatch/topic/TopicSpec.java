package io.storywatch.topic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One topic as {@code topics/NAME.json} defines it: what the broker must create (partitions, replication, config)
 * and the contract its writer and readers share.
 */
public record TopicSpec(String name, String description, int partitions, short replicationFactor,
                        Map<String, String> config, String writer, List<String> readers, Contract key,
                        Contract value) {

    public TopicSpec {
        config = Map.copyOf(config == null ? Map.of() : config);
        readers = List.copyOf(readers == null ? List.of() : readers);
    }

    /** The same topic with another replication factor, e.g. 1 on a single-node broker. */
    public TopicSpec withReplicationFactor(short factor) {
        return new TopicSpec(name, description, partitions, factor, config, writer, readers, key, value);
    }

    /** A key or value contract: prose for people, JSON Schema for tools, and headers where the value has any. */
    public record Contract(String description, JsonNode schema, Map<String, String> headers) {
        public Contract {
            headers = Map.copyOf(headers == null ? Map.of() : headers);
        }
    }
}
