package io.storywatch.web.view;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One value of news.faction-sentiment or news.entity-sentiment, read leniently as JSON so that any schema version
 * works: the interval ({@code ciLow}/{@code ciHigh}) and low-sample flag of schema 2, when present, are used in place
 * of the view's own; fields the view does not interpret (copies, reach, evidence, final, closesAt, ...) reach the
 * API unchanged as {@link #extras()}.
 *
 * <p>The counts are read with a streaming parser; the value's bytes are kept as they came and the extras are parsed
 * from them only when a query shows the window: the aggregate stage rewrites a window many times, and most of its
 * records are replaced before anyone looks at them.
 */
public record WindowRecord(String target, Instant windowStart, Instant windowEnd, long articles, long mentions,
                           double meanScore, long pos, long neg, long neu, long mixed, Interval reportedInterval,
                           Boolean reportedLowSample, byte[] json) {

    /** Fields read into the record or interpreted ({@link #reportedInterval}, {@link #reportedLowSample}). */
    private static final Set<String> KNOWN = Set.of("schemaVersion", "faction", "entity", "windowStart", "windowEnd",
            "windowSize", "articles", "mentions", "meanScore", "pos", "neg", "neu", "mixed", "ci95", "ciLow", "ciHigh",
            "lowSample");

    /** Parses a window value whose target id is in field {@code targetField} ("faction" or "entity"). */
    public static WindowRecord fromJson(JsonNode value, String targetField) {
        return fromJson(Json.toBytes(value), targetField);
    }

    /** As above, from the record's bytes. */
    public static WindowRecord fromJson(byte[] value, String targetField) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a window record is a JSON object");
            }
            String target = null;
            String start = null;
            String end = null;
            long articles = 0;
            long mentions = 0;
            double mean = 0;
            long pos = 0;
            long neg = 0;
            long neu = 0;
            long mixed = 0;
            Double ciLow = null;
            Double ciHigh = null;
            Double[] ci95 = null;
            Boolean lowSample = null;
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                if (name.equals(targetField)) {
                    target = text(parser, token);
                    continue;
                }
                switch (name) {
                    case "windowStart" -> start = text(parser, token);
                    case "windowEnd" -> end = text(parser, token);
                    case "articles" -> articles = parser.getValueAsLong();
                    case "mentions" -> mentions = parser.getValueAsLong();
                    case "meanScore" -> mean = parser.getValueAsDouble();
                    case "pos" -> pos = parser.getValueAsLong();
                    case "neg" -> neg = parser.getValueAsLong();
                    case "neu" -> neu = parser.getValueAsLong();
                    case "mixed" -> mixed = parser.getValueAsLong();
                    case "ciLow" -> ciLow = token.isNumeric() ? parser.getDoubleValue() : null;
                    case "ciHigh" -> ciHigh = token.isNumeric() ? parser.getDoubleValue() : null;
                    case "ci95" -> ci95 = pair(parser, token);
                    case "lowSample" -> lowSample = token.isBoolean() ? parser.getBooleanValue() : null;
                    default -> parser.skipChildren();
                }
            }
            Interval interval = ciLow != null && ciHigh != null
                    ? new Interval(ciLow, ciHigh, Interval.FROM_AGGREGATE)
                    : ci95 != null ? new Interval(ci95[0], ci95[1], Interval.FROM_AGGREGATE) : null;
            return new WindowRecord(target == null ? "" : target, Instant.parse(String.valueOf(start)),
                    Instant.parse(String.valueOf(end)), articles, mentions, mean, pos, neg, neu, mixed, interval,
                    lowSample, value);
        } catch (IOException e) {
            throw new UncheckedIOException("not a window record", e);
        }
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

    /** A scalar as text the way {@code JsonNode.asText()} gives it; null for a missing value, an object or array. */
    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token.isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    /** {@code [low, high]} with two numbers, else null. */
    private static Double[] pair(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        Double[] values = new Double[3];
        int n = 0;
        boolean numbers = true;
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (n < 3) {
                values[n] = t.isNumeric() ? parser.getDoubleValue() : null;
                numbers &= t.isNumeric();
            }
            n++;
            parser.skipChildren();
        }
        return n == 2 && numbers ? new Double[]{values[0], values[1]} : null;
    }
}
