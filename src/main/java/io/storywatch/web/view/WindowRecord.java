package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One value of news.faction-sentiment or news.entity-sentiment, decoded with the aggregate stage's own event records
 * ({@link FactionSentimentWindow}, {@link EntitySentimentWindow}): the dashboard reads exactly what the stage wrote.
 * Fields the view does not interpret (copies, reach, evidence, final, closesAt, ...) reach the API unchanged as
 * {@link #extras()}; {@code evidence} is the window's evidence articles as the stage chose them.
 *
 * <p>The value's bytes are kept as they came and the extras are parsed from them only when a query shows the window.
 */
public record WindowRecord(String target, Instant windowStart, Instant windowEnd, long articles, long mentions,
                           double meanScore, long pos, long neg, long neu, long mixed, Interval reportedInterval,
                           Boolean reportedLowSample, List<EvidenceArticle> evidence, byte[] json) {

    /** The first schema whose records carry an interval and a low-sample flag (schema 1 had counts and mean only). */
    private static final int INTERVAL_SCHEMA = 2;

    /** Fields read into the record or interpreted ({@link #reportedInterval}, {@link #reportedLowSample}). */
    private static final Set<String> KNOWN = Set.of("schemaVersion", "faction", "entity", "windowStart", "windowEnd",
            "windowSize", "articles", "mentions", "meanScore", "pos", "neg", "neu", "mixed", "ciLow", "ciHigh",
            "lowSample");

    /** Parses a window value whose target id is in field {@code targetField} ("faction" or "entity"). */
    public static WindowRecord fromJson(JsonNode value, String targetField) {
        return fromJson(Json.toBytes(value), targetField);
    }

    /** As above, from the record's bytes. */
    public static WindowRecord fromJson(byte[] value, String targetField) {
        if ("faction".equals(targetField)) {
            FactionSentimentWindow w = Json.fromBytes(value, FactionSentimentWindow.class);
            boolean rated = w.schemaVersion() >= INTERVAL_SCHEMA;
            return new WindowRecord(w.faction() == null ? "" : w.faction(), Instant.parse(String.valueOf(
                    w.windowStart())), Instant.parse(String.valueOf(w.windowEnd())), w.articles(), w.mentions(),
                    w.meanScore(), w.pos(), w.neg(), w.neu(), w.mixed(),
                    rated ? new Interval(w.ciLow(), w.ciHigh(), Interval.FROM_AGGREGATE) : null,
                    rated ? w.lowSample() : null, w.evidence(), value);
        }
        EntitySentimentWindow w = Json.fromBytes(value, EntitySentimentWindow.class);
        boolean rated = w.schemaVersion() >= INTERVAL_SCHEMA;
        return new WindowRecord(w.entity() == null ? "" : w.entity(), Instant.parse(String.valueOf(w.windowStart())),
                Instant.parse(String.valueOf(w.windowEnd())), w.articles(), w.mentions(), w.meanScore(), w.pos(),
                w.neg(), w.neu(), 0, rated ? new Interval(w.ciLow(), w.ciHigh(), Interval.FROM_AGGREGATE) : null,
                rated ? w.lowSample() : null, w.evidence(), value);
    }

    /** Any event record of the window topics, e.g. a {@code FactionSentimentWindow}. */
    public static WindowRecord of(Object windowEvent, String targetField) {
        return fromJson(Json.toBytes(windowEvent), targetField);
    }

    public Duration size() {
        return Duration.between(windowStart, windowEnd);
    }

    /** The fields the view does not interpret, by name, as the aggregate stage wrote them. */
    public Map<String, JsonNode> extras() {
        Map<String, JsonNode> extras = new TreeMap<>();
        JsonNode value;
        try {
            value = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a window record", e);
        }
        value.fields().forEachRemaining(field -> {
            if (!KNOWN.contains(field.getKey())) {
                extras.put(field.getKey(), field.getValue());
            }
        });
        return extras;
    }
}
