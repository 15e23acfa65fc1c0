package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One value of news.faction-sentiment or news.entity-sentiment, read leniently as JSON so that any schema version
 * works: the interval ({@code ciLow}/{@code ciHigh}) and low-sample flag of schema 2, when present, are used in place
 * of the view's own; fields the view does not interpret (copies, reach, evidence, final, closesAt, ...) reach the
 * API unchanged as {@code extras}.
 */
public record WindowRecord(String target, Instant windowStart, Instant windowEnd, long articles, long mentions,
                           double meanScore, long pos, long neg, long neu, long mixed, Interval reportedInterval,
                           Boolean reportedLowSample, Map<String, JsonNode> extras) {

    /** Fields read into the record or interpreted ({@link #reportedInterval}, {@link #reportedLowSample}). */
    private static final Set<String> KNOWN = Set.of("schemaVersion", "faction", "entity", "windowStart", "windowEnd",
            "windowSize", "articles", "mentions", "meanScore", "pos", "neg", "neu", "mixed", "ci95", "ciLow", "ciHigh",
            "lowSample");

    /** Parses a window value whose target id is in field {@code targetField} ("faction" or "entity"). */
    public static WindowRecord fromJson(JsonNode value, String targetField) {
        Map<String, JsonNode> extras = new TreeMap<>();
        value.fields().forEachRemaining(field -> {
            if (!KNOWN.contains(field.getKey())) {
                extras.put(field.getKey(), field.getValue());
            }
        });
        return new WindowRecord(value.path(targetField).asText(), Instant.parse(value.path("windowStart").asText()),
                Instant.parse(value.path("windowEnd").asText()), value.path("articles").asLong(),
                value.path("mentions").asLong(), value.path("meanScore").asDouble(), value.path("pos").asLong(),
                value.path("neg").asLong(), value.path("neu").asLong(), value.path("mixed").asLong(),
                interval(value), lowSample(value), extras);
    }

    /** Any event record of the window topics, e.g. a {@code FactionSentimentWindow}. */
    public static WindowRecord of(Object windowEvent, String targetField) {
        return fromJson(Json.mapper().valueToTree(windowEvent), targetField);
    }

    public Duration size() {
        return Duration.between(windowStart, windowEnd);
    }

    /** The interval the aggregate stage reported, as {@code ciLow}/{@code ciHigh} or {@code ci95: [low, high]}. */
    private static Interval interval(JsonNode value) {
        JsonNode low = value.get("ciLow");
        JsonNode high = value.get("ciHigh");
        if (low != null && high != null && low.isNumber() && high.isNumber()) {
            return new Interval(low.asDouble(), high.asDouble(), Interval.FROM_AGGREGATE);
        }
        JsonNode ci = value.get("ci95");
        if (ci != null && ci.isArray() && ci.size() == 2 && ci.get(0).isNumber() && ci.get(1).isNumber()) {
            return new Interval(ci.get(0).asDouble(), ci.get(1).asDouble(), Interval.FROM_AGGREGATE);
        }
        return null;
    }

    /** The low-sample flag the aggregate stage reported, if it did. */
    private static Boolean lowSample(JsonNode value) {
        JsonNode flag = value.get("lowSample");
        return flag != null && flag.isBoolean() ? flag.asBoolean() : null;
    }
}
