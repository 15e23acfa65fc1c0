package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One value of news.faction-sentiment or news.entity-sentiment, read leniently as JSON so that fields the aggregate
 * stage adds later (a confidence interval, a low-sample flag, evidence, open/final) reach the API as {@code extras}
 * without this class changing; the interval and the flag, when present, are used in place of the view's own.
 */
public record WindowRecord(String target, Instant windowStart, Instant windowEnd, long articles, long mentions,
                           double meanScore, long pos, long neg, long neu, long mixed, Map<String, JsonNode> extras) {

    private static final Set<String> KNOWN = Set.of("schemaVersion", "faction", "entity", "windowStart", "windowEnd",
            "articles", "mentions", "meanScore", "pos", "neg", "neu", "mixed");

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
                value.path("neg").asLong(), value.path("neu").asLong(), value.path("mixed").asLong(), extras);
    }

    /** Any event record of the window topics, e.g. a {@code FactionSentimentWindow}. */
    public static WindowRecord of(Object windowEvent, String targetField) {
        return fromJson(Json.mapper().valueToTree(windowEvent), targetField);
    }

    public Duration size() {
        return Duration.between(windowStart, windowEnd);
    }

    /** The interval the aggregate stage reported, as {@code ci95: [low, high]} or {@code ciLow}/{@code ciHigh}. */
    Interval reportedInterval() {
        JsonNode ci = extras.get("ci95");
        if (ci != null && ci.isArray() && ci.size() == 2 && ci.get(0).isNumber() && ci.get(1).isNumber()) {
            return new Interval(ci.get(0).asDouble(), ci.get(1).asDouble(), Interval.FROM_AGGREGATE);
        }
        JsonNode low = extras.get("ciLow");
        JsonNode high = extras.get("ciHigh");
        if (low != null && high != null && low.isNumber() && high.isNumber()) {
            return new Interval(low.asDouble(), high.asDouble(), Interval.FROM_AGGREGATE);
        }
        return null;
    }

    /** The low-sample flag the aggregate stage reported, if it did. */
    Boolean reportedLowSample() {
        JsonNode flag = extras.get("lowSample");
        return flag != null && flag.isBoolean() ? flag.asBoolean() : null;
    }
}
