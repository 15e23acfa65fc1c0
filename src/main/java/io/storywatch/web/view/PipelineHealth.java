package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pipeline said about itself: records rejected, late and failed (counts by reason), and the newest alerts;
 * not thread-safe, {@link StoryView} calls it under its lock.
 */
final class PipelineHealth {

    static final int MAX_ALERTS = 200;

    private final Map<String, Long> rejected = new TreeMap<>();
    private final Map<String, Long> late = new TreeMap<>();
    private final Map<String, Long> failed = new TreeMap<>();
    private final Deque<JsonNode> alerts = new ArrayDeque<>();

    void rejected(String code) {
        count(rejected, code);
    }

    void failed(String stage) {
        count(failed, stage);
    }

    void late(String reason) {
        count(late, reason);
    }

    /** Kept newest first, at most {@link #MAX_ALERTS}. */
    void alert(JsonNode alert) {
        alerts.addFirst(alert);
        while (alerts.size() > MAX_ALERTS) {
            alerts.removeLast();
        }
    }

    List<JsonNode> alerts(int limit) {
        return alerts.stream().limit(Math.max(0, limit)).toList();
    }

    int alertCount() {
        return alerts.size();
    }

    Map<String, Long> rejectedCounts() {
        return Map.copyOf(rejected);
    }

    Map<String, Long> lateCounts() {
        return Map.copyOf(late);
    }

    Map<String, Long> failedCounts() {
        return Map.copyOf(failed);
    }

    private static void count(Map<String, Long> counts, String reason) {
        counts.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
    }
}
