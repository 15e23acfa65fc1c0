package io.storywatch.web.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.window.WindowKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The latest window record the aggregate stage published of one kind (faction or entity), by target, window size and
 * start: what a series and the evidence of a point are read from; not thread-safe, {@link StoryView} calls it under
 * its lock.
 */
final class WindowSeries {

    private final String targetField;
    private final Map<String, Map<Duration, TreeMap<Instant, WindowSlot>>> windows = new TreeMap<>();

    /** {@code targetField} is the records' field naming the target: "faction" or "entity". */
    WindowSeries(String targetField) {
        this.targetField = targetField;
    }

    /**
     * The change that keeps a record given as its value, parsed now (outside the view's lock); the latest record of a
     * window is its current state.
     */
    Runnable putting(JsonNode value) {
        return putting(WindowRecord.fromJson(value, targetField));
    }

    /**
     * The change that keeps a record given as its key and value bytes, made ready outside the view's lock: placed by
     * its key if its window's end is {@code retained}, and parsed when a query first reads it (a key of another form
     * than {@code TARGET@START/SIZE}: parsed now and kept).
     */
    Runnable placing(String key, byte[] value, Predicate<Instant> retained) {
        WindowKey placed = WindowKey.parse(key);
        if (placed == null) {
            return putting(WindowRecord.fromJson(value, targetField));
        }
        WindowSlot slot = WindowSlot.unparsed(value, targetField);
        return () -> {
            if (retained.test(placed.windowEnd())) {
                place(placed.target(), placed.size(), placed.windowStart(), slot);
            }
        };
    }

    private Runnable putting(WindowRecord record) {
        return () -> place(record.target(), record.size(), record.windowStart(), WindowSlot.parsed(record));
    }

    private void place(String target, Duration size, Instant start, WindowSlot slot) {
        windows.computeIfAbsent(target, t -> new TreeMap<>())
                .computeIfAbsent(size, s -> new TreeMap<>())
                .put(start, slot);
    }

    /** The targets with a window. */
    Set<String> targets() {
        return windows.keySet();
    }

    /** The record of the target's window of the granularity's size starting at {@code start}, or null. */
    WindowRecord record(String target, Granularity granularity, Instant start) {
        WindowSlot slot = slots(target, granularity).get(start);
        return slot == null ? null : slot.record();
    }

    /**
     * The target's windows of the granularity's size over [from, to), in time order, each with the number of its
     * articles that were corrected ({@code corrected}, by window start).
     */
    List<SeriesPoint> series(String target, Instant from, Instant to, Granularity granularity,
                             Map<Instant, Long> corrected) {
        List<SeriesPoint> points = new ArrayList<>();
        slots(target, granularity).forEach((start, slot) -> {
            WindowRecord record = StoryView.inRange(start, from, to, granularity) ? slot.record() : null;
            if (record != null) {
                Boolean lowSample = record.reportedLowSample();
                points.add(new SeriesPoint(target, start.toString(), record.windowEnd().toString(),
                        record.articles(), record.mentions(), record.meanScore(), record.pos(), record.neg(),
                        record.neu(), record.mixed(), record.reportedInterval(),
                        lowSample != null ? lowSample : record.articles() < StoryView.LOW_SAMPLE_ARTICLES,
                        StoryView.BASIS_AGGREGATE, record.extras(), corrected.getOrDefault(start, 0L)));
            }
        });
        return points;
    }

    long count() {
        return windows.values().stream().flatMap(bySize -> bySize.values().stream()).mapToLong(Map::size).sum();
    }

    /** Drops the windows that end before the cutoff. */
    void prune(Instant cutoff) {
        windows.values().forEach(bySize -> bySize.forEach((size, starts) ->
                starts.headMap(cutoff.minus(size)).clear()));
    }

    private TreeMap<Instant, WindowSlot> slots(String target, Granularity granularity) {
        return windows.getOrDefault(target, Map.of()).getOrDefault(granularity.size(), new TreeMap<>());
    }
}
