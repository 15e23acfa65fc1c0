package io.storywatch.web.view;

import io.storywatch.window.WindowKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

    String targetField() {
        return targetField;
    }

    /** A record parsed already; it replaces the window's earlier record. */
    void put(WindowRecord record) {
        place(record.target(), record.size(), record.windowStart(), WindowSlot.parsed(record));
    }

    /** A record placed by its key; it replaces the window's earlier record. */
    void place(WindowKey key, WindowSlot slot) {
        place(key.target(), key.size(), key.windowStart(), slot);
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
