package io.storywatch.stage.aggregate;

import io.storywatch.window.WindowKey;
import java.time.Duration;
import java.time.Instant;

/**
 * One tumbling event-time window, [start, start + size) in epoch milliseconds, aligned to the epoch, with the names
 * it goes by in output keys and values.
 */
public record EventWindow(long sizeMs, long startMs) {

    public static EventWindow containing(long eventTimeMs, long sizeMs) {
        return new EventWindow(sizeMs, Math.floorDiv(eventTimeMs, sizeMs) * sizeMs);
    }

    public long endMs() {
        return startMs + sizeMs;
    }

    /** Kafka Streams' own rule: a window takes records while {@code end + grace > streamTime}. */
    public boolean isOpenAt(long streamTimeMs, long graceMs) {
        return endMs() + graceMs > streamTimeMs;
    }

    public String start() {
        return iso(startMs);
    }

    public String end() {
        return iso(endMs());
    }

    public String closesAt(long graceMs) {
        return iso(endMs() + graceMs);
    }

    /** The size as an ISO-8601 duration: {@code P1D} for whole days, else e.g. {@code PT1H}. */
    public String size() {
        return isoDuration(sizeMs);
    }

    /** {@code TARGET@START/SIZE}, e.g. {@code safety@2024-05-28T00:00:00Z/P1D}: see {@link WindowKey}. */
    public String key(String target) {
        return new WindowKey(target, Instant.ofEpochMilli(startMs), Duration.ofMillis(sizeMs)).format();
    }

    static String isoDuration(long millis) {
        return WindowKey.isoDuration(millis);
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
