package io.storywatch.web.view;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import io.storywatch.window.WindowKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The aggregate stage's news.story-coverage records, kept as the bytes that came by window size and start and parsed
 * when a query reads them; not thread-safe, {@link StoryView} calls it under its lock.
 */
final class CoverageRecords {

    private final Map<Duration, TreeMap<Instant, byte[]>> records = new TreeMap<>();

    /**
     * The change that keeps a record given as its key {@code story@START/SIZE} and bytes (null: a tombstone), made
     * ready outside the view's lock: checked to be a JSON object, kept if its window's end is {@code retained}. A key
     * of another form is refused.
     */
    Runnable placing(String key, byte[] value, Predicate<Instant> retained) {
        WindowKey placed = WindowKey.parse(key);
        if (placed == null) {
            throw new IllegalArgumentException("a story-coverage key is story@START/SIZE, not " + key);
        }
        if (value == null) {
            return () -> {
                TreeMap<Instant, byte[]> bySize = records.get(placed.size());
                if (bySize != null) {
                    bySize.remove(placed.windowStart());
                }
            };
        }
        requireObject(value);
        return () -> {
            if (retained.test(placed.windowEnd())) {
                records.computeIfAbsent(placed.size(), s -> new TreeMap<>()).put(placed.windowStart(), value);
            }
        };
    }

    /** The records of the window size over [from, to), in time order. */
    List<CoveragePoint> points(Instant from, Instant to, Granularity granularity) {
        List<CoveragePoint> points = new ArrayList<>();
        records.getOrDefault(granularity.size(), new TreeMap<>()).forEach((start, record) -> {
            CoveragePoint reported = StoryView.inRange(start, from, to, granularity)
                    ? point(tree(record), granularity) : null;
            if (reported != null) {
                points.add(reported);
            }
        });
        return List.copyOf(points);
    }

    /** Every record as written, by window size and start. */
    List<JsonNode> reported() {
        return records.values().stream().flatMap(bySize -> bySize.values().stream()).map(CoverageRecords::tree)
                .toList();
    }

    /** Drops the windows that end before the cutoff. */
    void prune(Instant cutoff) {
        records.forEach((size, starts) -> starts.headMap(cutoff.minus(size)).clear());
    }

    /** A record of the asked window size as a point, else null. */
    private static CoveragePoint point(JsonNode record, Granularity granularity) {
        try {
            Instant start = Instant.parse(record.path("windowStart").asText());
            Instant end = Instant.parse(record.path("windowEnd").asText());
            if (!Duration.between(start, end).equals(granularity.size())) {
                return null;
            }
            Map<String, Long> mentions = new TreeMap<>();
            Map<String, Double> share = new TreeMap<>();
            record.path("factions").fields().forEachRemaining(faction -> {
                mentions.put(faction.getKey(), faction.getValue().path("mentions").asLong());
                share.put(faction.getKey(), faction.getValue().path("shareOfVoice").asDouble());
            });
            return new CoveragePoint(start.toString(), end.toString(), record.path("articles").asLong(),
                    record.path("copies").asLong(), record.path("distinctSources").asLong(), mentions, share,
                    StoryView.BASIS_AGGREGATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads through a value without building it: a syntax error or a value other than an object throws. */
    private static void requireObject(byte[] json) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            parser.skipChildren();
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }
}
