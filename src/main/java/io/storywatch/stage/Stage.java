package io.storywatch.stage;

import io.storywatch.topic.Topic;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.Topology;

/**
 * One step of the pipeline: a Kafka Streams topology with its own application id, reading one topic and appending
 * to its own, so it can be scaled, reset and replayed alone.
 */
public interface Stage {

    /** Short name used on the command line and in the application id, e.g. "ingest". */
    String name();

    /** The topic this stage consumes; replaying the stage means re-reading it from the beginning. */
    Topic<?, ?> input();

    /** The topics only this stage writes. */
    List<Topic<?, ?>> outputs();

    Topology buildTopology();

    /** The versions of the rules and data this stage runs with, recorded with each record it cannot process. */
    default Map<String, String> versions() {
        return Map.of();
    }

    /**
     * Kafka Streams properties this stage runs best with (e.g. more stream threads for a stage whose work per record
     * is heavy), applied before the operator's own settings, which may override them.
     */
    default Map<String, Object> streamsProperties() {
        return Map.of();
    }
}
