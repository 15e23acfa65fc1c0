package io.storywatch.web;

import io.storywatch.event.ArticleFailed;
import io.storywatch.failure.FailedRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import static io.storywatch.web.view.ScoredArticleBuilder.article;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.ArticleRejected;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.ArticleFilter;
import io.storywatch.web.view.Granularity;
import io.storywatch.web.view.StoryView;
import io.storywatch.web.view.TargetKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputRecordsTest {

    private static final Instant FED = Instant.parse("2026-01-05T10:00:00Z");

    private final StoryView view = new StoryView();
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final AtomicBoolean live = new AtomicBoolean(false);
    private final OutputRecords records = new OutputRecords(view, metrics,
            Clock.fixed(FED.plusSeconds(3), ZoneOffset.UTC), live::get);
    private long offset;

    @AfterEach
    void close() {
        metrics.close();
    }

    private ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value, long timestamp,
                                                  RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, offset++, timestamp, TimestampType.CREATE_TIME, -1, -1, key, value,
                headers, Optional.empty());
    }

    private ConsumerRecord<String, byte[]> record(String topic, String key, Object value) {
        return record(topic, key, value == null ? null : Json.toBytes(value), FED.toEpochMilli(), new RecordHeaders());
    }

    private static StanceScored safety(String id) {
        return article(id).publishedAt("2023-11-18T08:00:00Z")
                .sentence("苏茨克维的做法引发讨论。", Map.of("ilya-sutskever", -0.4)).build();
    }

    private double counter(String topic, String kind) {
        var counter = metrics.registry().find("storywatch.topic.records").tags("topic", topic, "kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldApplyEveryOutputTopicToTheView() {
        records.apply(record(Topics.SCORED.name(), "a", safety("a")));
        records.apply(record(Topics.SCORED.name(), "copy", article("copy").publishedAt("2023-11-18T09:00:00Z")
                .duplicateOf("a").sentence("苏茨克维的做法引发讨论。", Map.of("ilya-sutskever", -0.4)).build()));
        records.apply(record(Topics.FACTION_SENTIMENT.name(), "safety@2023-11-18T00:00:00Z",
                new FactionSentimentWindow(1, "safety", "2023-11-18T00:00:00Z", "2023-11-19T00:00:00Z",
                        1, 1, -0.4, 0, 1, 0)));
        records.apply(record(Topics.ENTITY_SENTIMENT.name(), "ilya-sutskever@2023-11-18T00:00:00Z",
                new EntitySentimentWindow(1, "ilya-sutskever", "2023-11-18T00:00:00Z", "2023-11-19T00:00:00Z",
                        1, 1, -0.4, 0, 1, 0)));
        records.apply(record(Topics.REJECTED.name(), "bad", new ArticleRejected(1, "MISSING_BODY", "no body",
                "bad", 0, 7, 10, "{\"id\":\"bad\"}", null, false)));
        records.apply(record(OutputRecords.FACTION_ALERTS, "safety@2023-11-18T00:00:00Z",
                Map.of("faction", "safety", "message", "shift")));
        records.apply(record(OutputRecords.STORY_COVERAGE, "story@2023-11-18T00:00:00Z/P1D", Map.of("articles", 1)));
        records.apply(record(OutputRecords.LATE, "old", Map.of("id", "old", "reason", "AFTER_GRACE")));

        assertEquals(2, view.summary().articles());
        assertEquals(1, view.summary().duplicates());
        assertEquals(Map.of("MISSING_BODY", 1L), view.summary().rejected());
        assertEquals(Map.of("AFTER_GRACE", 1L), view.summary().late());
        assertEquals(List.of("aggregate"), view.series(TargetKind.FACTION, "safety", null, null, Granularity.DAY)
                .stream().map(p -> p.basis()).toList());
        assertEquals(List.of("aggregate"), view.series(TargetKind.ENTITY, "ilya-sutskever", null, null,
                Granularity.DAY).stream().map(p -> p.basis()).toList());
        assertEquals("shift", view.alerts(1).get(0).path("message").asText());
        assertEquals(1, view.reportedCoverage().get(0).path("articles").asInt());
        assertEquals(2.0, counter(Topics.SCORED.name(), "article"));
        assertEquals(1.0, counter(Topics.SCORED.name(), "duplicate"));
        assertEquals(1.0, metrics.registry().find("storywatch.topic.rejected").tag("code", "MISSING_BODY")
                .counter().count());
    }

    @Test
    void shouldPlaceAWindowByItsKeyAndLeaveOutOneWhoseValueCannotBeRead() {
        records.apply(record(Topics.SCORED.name(), "a", safety("a")));
        // placed by its key, read when the series is asked for: the aggregate's counts, not the article's
        records.apply(record(Topics.FACTION_SENTIMENT.name(), "safety@2023-11-18T00:00:00Z/P1D",
                new FactionSentimentWindow(1, "safety", "2023-11-18T00:00:00Z", "2023-11-19T00:00:00Z",
                        3, 4, -0.2, 0, 2, 1)));
        // an hourly window of the same faction whose value is not JSON: left out, as if absent
        records.apply(record(Topics.FACTION_SENTIMENT.name(), "safety@2023-11-18T08:00:00Z/PT1H",
                "{not json".getBytes(StandardCharsets.UTF_8), FED.toEpochMilli(), new RecordHeaders()));

        assertEquals(List.of(List.of("aggregate", 3L, -0.2)),
                view.series(TargetKind.FACTION, "safety", null, null, Granularity.DAY).stream()
                        .map(p -> List.<Object>of(p.basis(), p.articles(), p.meanScore())).toList());
        assertEquals(List.of(),
                view.series(TargetKind.FACTION, "safety", null, null, Granularity.HOUR).stream()
                        .map(p -> List.<Object>of(p.basis(), p.articles(), p.meanScore())).toList());
        assertEquals(2, view.summary().factionWindows());
    }

    @Test
    void shouldRemoveAnArticleOnATombstone() {
        records.apply(record(Topics.SCORED.name(), "a", safety("a")));
        records.apply(record(Topics.SCORED.name(), "a", null));

        assertEquals(List.of(), view.articles(ArticleFilter.all()));
    }

    @Test
    void shouldCountAndSkipAnUnreadableRecord() {
        records.apply(record(Topics.SCORED.name(), "x", "not json".getBytes(StandardCharsets.UTF_8),
                FED.toEpochMilli(), new RecordHeaders()));
        records.apply(record(Topics.SCORED.name(), "a", safety("a")));

        assertEquals(1, view.summary().articles());
        assertEquals(1.0, counter(Topics.SCORED.name(), "unreadable"));
    }

    @Test
    void shouldCountDeadLettersByTheStageThatFailed() {
        byte[] original = "{\"id\": \"p1\"".getBytes(StandardCharsets.UTF_8);
        ArticleFailed unreadable = FailedRecords.failure("tag", ArticleFailed.DESERIALIZATION,
                new FailedRecords.Source(Topics.SEGMENTED.name(), 0, 3, FED.toEpochMilli(), "read-segmented"),
                Map.of(), "p1".getBytes(StandardCharsets.UTF_8), original, new IllegalStateException("cut short"));
        ProducerRecord<byte[], byte[]> letter = FailedRecords.record(unreadable, "p1".getBytes(StandardCharsets.UTF_8));

        records.apply(record(Topics.FAILED.name(), "p1", letter.value(), FED.toEpochMilli(),
                new RecordHeaders(letter.headers().toArray())));
        records.apply(record(Topics.FAILED.name(), "p2", Map.of("stage", "score")));

        assertEquals(Map.of("tag", 1L, "score", 1L), view.summary().failed());
        assertEquals(1.0, metrics.registry().find("storywatch.stage.records").tags("stage", "tag", "outcome",
                "failed").counter().count());
        assertEquals(0.0, metrics.registry().find("storywatch.stage.records").tags("stage", "segment", "outcome",
                "failed").counter().count());
    }

    @Test
    void shouldTakeTheRejectionCodeFromTheHeaderWhenTheValueIsNotAnEnvelope() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OutputRecords.REJECT_CODE_HEADER, "NOT_UTF8".getBytes(StandardCharsets.UTF_8));

        records.apply(record(Topics.REJECTED.name(), null, new byte[]{(byte) 0xff, (byte) 0xfe}, 0L, headers));

        assertEquals(Map.of("NOT_UTF8", 1L), view.summary().rejected());
    }

    @Test
    void shouldMeasureEndToEndLagFromRawArrivalToScoredArrivalOnceLive() {
        live.set(true);
        // fed at FED, seen scored at FED + 3 s (the fixed clock)
        records.apply(record(Topics.RAW.name(), "a", "{}".getBytes(StandardCharsets.UTF_8), FED.toEpochMilli(),
                new RecordHeaders()));
        records.apply(record(Topics.SCORED.name(), "a", safety("a")));
        // scored seen first (at FED + 3 s), its raw record fed at FED + 1 s read afterwards: 2 s
        records.apply(record(Topics.SCORED.name(), "b", safety("b")));
        records.apply(record(Topics.RAW.name(), "b", "{}".getBytes(StandardCharsets.UTF_8),
                FED.plusSeconds(1).toEpochMilli(), new RecordHeaders()));

        var lag = metrics.registry().find("storywatch.end.to.end.lag").timer();
        assertEquals(2, lag.count());
        assertEquals(5.0, lag.totalTime(java.util.concurrent.TimeUnit.SECONDS), 1e-9);
        assertEquals(2.0, metrics.registry().find("storywatch.end.to.end.lag.latest").gauge().value());
    }

    @Test
    void shouldNotTakeReplayedArticlesForLagWhileCatchingUp() {
        records.apply(record(Topics.RAW.name(), "a", "{}".getBytes(StandardCharsets.UTF_8), FED.toEpochMilli(),
                new RecordHeaders()));
        records.apply(record(Topics.SCORED.name(), "a", safety("a")));

        assertEquals(0, metrics.registry().find("storywatch.end.to.end.lag").timer().count());
    }
}
