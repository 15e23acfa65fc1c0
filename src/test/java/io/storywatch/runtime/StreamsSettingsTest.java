package io.storywatch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void shouldConfigureAStageExactlyOnceWithItsOwnApplicationIdAndState() {
        Properties props = StreamsSettings.of("127.0.0.1:9092", Path.of("/var/storywatch/state"))
                .withInternalReplicationFactor(1)
                .withInstance("host-1")
                .forStage("segment", Map.of("segmenter", "hanlp-test"), Map.of());

        assertEquals(Map.ofEntries(
                Map.entry("application.id", "storywatch-segment"),
                Map.entry("client.id", "storywatch-segment"),
                Map.entry("bootstrap.servers", "127.0.0.1:9092"),
                Map.entry("processing.guarantee", "exactly_once_v2"),
                Map.entry("commit.interval.ms", 50),
                Map.entry("replication.factor", 1),
                Map.entry("state.dir", "/var/storywatch/state"),
                Map.entry("producer.max.request.size", 8 * 1024 * 1024),
                Map.entry("producer.compression.type", "lz4"),
                Map.entry("consumer.auto.offset.reset", "earliest"),
                Map.entry("consumer.group.instance.id", "storywatch-segment-host-1"),
                Map.entry("session.timeout.ms", 10_000),
                Map.entry("deserialization.exception.handler", "io.storywatch.failure.DeadLetterHandler"),
                Map.entry("processing.exception.handler", "io.storywatch.failure.DeadLetterHandler"),
                Map.entry("production.exception.handler", "io.storywatch.failure.DeadLetterHandler"),
                Map.entry("storywatch.failed.stage", "segment"),
                Map.entry("storywatch.failed.versions", "{\"segmenter\":\"hanlp-test\"}")), Map.copyOf(props));
    }

    @Test
    void shouldNameTheStaticMemberAfterHostAndStateDirectoryOrUseDynamicMembership() {
        StreamsSettings here = StreamsSettings.of("b:9092", Path.of("/data/one/state"));
        StreamsSettings there = StreamsSettings.of("b:9092", Path.of("/data/two/state"));

        assertEquals(StreamsSettings.of("b:9092", Path.of("/data/one/../one/state")).instance(), here.instance());
        assertNotEquals(here.instance(), there.instance());
        assertEquals("storywatch-tag-" + here.instance(), here.forStage("tag").get("consumer.group.instance.id"));
        assertNull(here.withInstance(null).forStage("tag").get("consumer.group.instance.id"));
        assertNull(here.withInstance(null).forStage("tag").get("session.timeout.ms"),
                "a dynamic member keeps Kafka's session timeout");
    }

    @Test
    void shouldApplyOverridesLast() {
        Properties props = StreamsSettings.of("b:9092", Path.of("s"))
                .withOverride("processing.guarantee", "at_least_once")
                .withOverride("commit.interval.ms", 1000)
                .forStage("tag");

        assertEquals("at_least_once", props.get("processing.guarantee"));
        assertEquals(1000, props.get("commit.interval.ms"));
        assertEquals(-1, props.get("replication.factor"));
    }

    @Test
    void shouldApplyAStagesOwnOverridesToThatStageOnlyAndAfterTheOnesForEveryStage() {
        StreamsSettings settings = StreamsSettings.of("b:9092", Path.of("s"))
                .withOverride("score:num.stream.threads", "2")
                .withOverride("num.stream.threads", "1")
                .withOverride("score:commit.interval.ms", "20");

        Properties score = settings.forStage("score");
        Properties tag = settings.forStage("tag");

        assertEquals("2", score.get("num.stream.threads"));
        assertEquals("20", score.get("commit.interval.ms"));
        assertNull(score.get("score:num.stream.threads"));
        assertEquals("1", tag.get("num.stream.threads"));
        assertEquals(50, tag.get("commit.interval.ms"));
        assertNull(tag.get("score:commit.interval.ms"));
    }

    @Test
    void shouldApplyAStagesOwnDefaultsBeforeTheOperatorsOverrides() {
        StreamsSettings settings = StreamsSettings.of("b:9092", Path.of("s"));
        Map<String, Object> scoreDefaults = Map.of("num.stream.threads", 2);

        assertEquals(2, settings.forStage("score", Map.of(), scoreDefaults).get("num.stream.threads"));
        assertEquals("1", settings.withOverride("score:num.stream.threads", "1")
                .forStage("score", Map.of(), scoreDefaults).get("num.stream.threads"));
    }

    @Test
    void shouldLeaveTheCommitIntervalToKafkaStreamsWhenAtLeastOnce() {
        Properties props = StreamsSettings.of("b:9092", Path.of("s"))
                .withProcessingGuarantee("at_least_once")
                .forStage("tag");

        assertNull(props.get("commit.interval.ms"));
    }
}
