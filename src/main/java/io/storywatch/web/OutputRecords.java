package io.storywatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.storywatch.failure.FailedRecords;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.ScoredDigest;
import io.storywatch.web.view.ScoredLocation;
import io.storywatch.web.view.StoryView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one record of a topic the dashboard reads means for the {@link StoryView} and the metrics, apart from the
 * consumer that fetches it, so that it is tested on plain records. An unreadable record is counted and skipped: one
 * bad value must not stop the dashboard.
 */
final class OutputRecords {

    /** Topics the aggregate stage writes besides the sentiment windows; read when they exist. */
    static final String FACTION_ALERTS = Topics.FACTION_ALERTS.name();
    static final String STORY_COVERAGE = Topics.STORY_COVERAGE.name();
    static final String LATE = Topics.LATE.name();
    static final String REJECT_CODE_HEADER = "storywatch.reject.code";

    private static final Logger LOG = LoggerFactory.getLogger(OutputRecords.class);
    private static final int LAG_MEMORY = 10_000;

    private final StoryViews views;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final BooleanSupplier live;
    private final Map<String, Long> rawTimestamps = bounded();
    private final Map<String, Long> scoredBeforeRaw = bounded();

    /** {@code live} tells whether the reader has caught up: only then is a scored record's arrival a lag sample. */
    OutputRecords(StoryView view, PipelineMetrics metrics, Clock clock, BooleanSupplier live) {
        this(StoryViews.single(StoryInfo.defaultStory(), view), metrics, clock, live);
    }

    /** Feeds each story's records to its view (see {@link StoryViews#route}); pipeline-wide counts to every view. */
    OutputRecords(StoryViews views, PipelineMetrics metrics, Clock clock, BooleanSupplier live) {
        this.views = views;
        this.metrics = metrics;
        this.clock = clock;
        this.live = live;
    }

    void apply(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        try {
            if (topic.equals(Topics.RAW.name())) {
                rawSeen(record.key(), record.timestamp());
            } else if (topic.equals(Topics.SCORED.name())) {
                StoryViews.Routed routed = views.route(record.key());
                if (record.value() == null) {
                    routed.view().removeArticle(routed.key());
                    return;
                }
                ScoredDigest analysis = ScoredDigest.fromJson(record.value());
                if (analysis.id() == null) {
                    throw new IllegalArgumentException("a scored article without an id");
                }
                routed.view().applyScored(analysis, record.timestamp(), new ScoredLocation(record.partition(),
                        record.offset()));
                metrics.topicRecord(topic, "article");
                metrics.processed("score");
                if (analysis.duplicateOf() != null) {
                    metrics.topicRecord(topic, "duplicate");
                    metrics.duplicate("ingest");
                }
                scoredSeen(analysis.id());
            } else if (record.value() == null) {
                if (topic.equals(STORY_COVERAGE)) {
                    StoryViews.Routed routed = views.route(record.key());
                    routed.view().applyCoverage(routed.key(), (byte[]) null);
                }
            } else if (topic.equals(Topics.FACTION_SENTIMENT.name())) {
                StoryViews.Routed routed = views.route(record.key());
                routed.view().applyFactionWindow(routed.key(), record.value());
                metrics.topicRecord(topic, "window");
            } else if (topic.equals(Topics.ENTITY_SENTIMENT.name())) {
                StoryViews.Routed routed = views.route(record.key());
                routed.view().applyEntityWindow(routed.key(), record.value());
                metrics.topicRecord(topic, "window");
            } else if (topic.equals(Topics.REJECTED.name())) {
                String code = rejectionCode(record);
                views.all().forEach(shown -> shown.view().applyRejected(code));
                metrics.topicRejection(code);
                metrics.rejected("ingest");
            } else if (topic.equals(Topics.FAILED.name())) {
                String stage = failedStage(record);
                views.all().forEach(shown -> shown.view().applyFailed(stage));
                metrics.failed(stage);
            } else if (topic.equals(LATE)) {
                String reason = Json.fromBytes(record.value(), LateReason.class).reason();
                views.route(record.key()).view().applyLate(reason == null ? "unknown" : reason);
                metrics.topicRecord(topic, "late");
                metrics.late("aggregate");
            } else if (topic.equals(FACTION_ALERTS)) {
                views.route(record.key()).view().applyAlert(tree(record));
                metrics.topicRecord(topic, "alert");
            } else if (topic.equals(STORY_COVERAGE)) {
                StoryViews.Routed routed = views.route(record.key());
                routed.view().applyCoverage(routed.key(), record.value());
                metrics.topicRecord(topic, "coverage");
            }
        } catch (RuntimeException e) {
            metrics.topicRecord(topic, "unreadable");
            LOG.warn("skipping unreadable record {}-{}@{}: {}", topic, record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    /** The one field of a news.articles.late value the view counts by. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record LateReason(String reason) {
    }

    private static JsonNode tree(ConsumerRecord<String, byte[]> record) {
        return Json.tree(new String(record.value(), StandardCharsets.UTF_8));
    }

    /** The stage a dead letter names: its header, else its value. */
    private static String failedStage(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(FailedRecords.STAGE_HEADER);
        if (header != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        JsonNode stage = tree(record).path("stage");
        return stage.isTextual() ? stage.asText() : "unknown";
    }

    private static String rejectionCode(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode code = tree(record).path("code");
            if (code.isTextual()) {
                return code.asText();
            }
        } catch (RuntimeException notJson) {
            // the header still says why
        }
        Header header = record.headers().lastHeader(REJECT_CODE_HEADER);
        return header == null ? "unknown" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void rawSeen(String id, long timestamp) {
        if (id == null) {
            return;
        }
        Long scoredAt = scoredBeforeRaw.remove(id);
        if (scoredAt != null) {
            metrics.endToEndLag(Duration.ofMillis(Math.max(0, scoredAt - timestamp)));
        } else {
            rawTimestamps.put(id, timestamp);
        }
    }

    private void scoredSeen(String id) {
        if (!live.getAsBoolean()) {
            return;
        }
        long now = clock.millis();
        Long rawAt = rawTimestamps.remove(id);
        if (rawAt != null) {
            metrics.endToEndLag(Duration.ofMillis(Math.max(0, now - rawAt)));
        } else {
            scoredBeforeRaw.put(id, now);
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > LAG_MEMORY;
            }
        };
    }
}
