package io.storywatch.stage.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which changed windows are written as open records at a publish tick, so that how often a window is written
 * (live, past, or live again once records stop) is one method over the changes, the ticks and stream time.
 */
final class PublishSchedule {

    /** One open record to write: the window's store key and the record timestamp of the last article changing it. */
    record Write(String key, long timestamp) {
    }

    private final long publishIntervalMs;
    private final long pastPublishIntervalMs;
    /** The windows changed since they were last published, with the record timestamp of the last article changing them. */
    private final TreeMap<String, Long> changed = new TreeMap<>();
    /** The windows written within the last publish interval, with when (wall-clock). */
    private final Map<String, Long> lastWritten = new HashMap<>();
    /** Records processed since the last publish tick, and since when (wall-clock) none has come; -1: some came. */
    private long recordsSinceTick;
    private long quietSince = -1;

    PublishSchedule(long publishIntervalMs, long pastPublishIntervalMs) {
        this.publishIntervalMs = publishIntervalMs;
        this.pastPublishIntervalMs = pastPublishIntervalMs;
    }

    /** Forgets every change and write, as a processor starting on its stores does. */
    void reset() {
        changed.clear();
        lastWritten.clear();
        recordsSinceTick = 0;
        quietSince = -1;
    }

    void recordArrived() {
        recordsSinceTick++;
    }

    /** A window (store key {@code SIZE|START|KIND|TARGET}) changed by an article with this record timestamp. */
    void changed(String key, long timestamp) {
        changed.put(key, timestamp);
    }

    /**
     * The windows to write at the publish tick at wall-clock time {@code now}, stream time {@code streamTime}, in store
     * key order: those changed and not written within their publish interval. They count as written now.
     */
    List<Write> tick(long now, long streamTime) {
        if (recordsSinceTick > 0) {
            quietSince = -1;
        } else if (quietSince < 0) {
            quietSince = now;
        }
        recordsSinceTick = 0;
        // once no record has come for a publish interval (a backfill has ended), every window is live again: what a
        // backfill changed last is written within a second, not up to the past interval later
        boolean quiet = quietSince >= 0 && now - quietSince >= publishIntervalMs;
        long streamNow = quiet ? Long.MIN_VALUE : streamTime;
        List<Write> due = new ArrayList<>();
        for (Iterator<Map.Entry<String, Long>> entries = changed.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<String, Long> entry = entries.next();
            Long written = lastWritten.get(entry.getKey());
            if (written == null || now - written >= publishIntervalOf(entry.getKey(), streamNow)) {
                due.add(new Write(entry.getKey(), entry.getValue()));
                lastWritten.put(entry.getKey(), now);
                entries.remove();
            }
        }
        lastWritten.values().removeIf(written -> now - written >= pastPublishIntervalMs);
        return due;
    }

    /** Every changed window, whenever it was last written (before any final record), in store key order. */
    List<Write> all() {
        List<Write> all = new ArrayList<>();
        changed.forEach((key, timestamp) -> all.add(new Write(key, timestamp)));
        changed.clear();
        return all;
    }

    /** A window closed: its next write, if it ever opens again, is not held back. */
    void closed(String key) {
        lastWritten.remove(key);
    }

    /**
     * The publish interval of the window with store key {@code SIZE|START|KIND|TARGET}: the past one when stream time
     * has reached its end (only late or backfilled articles change it), else the live one.
     */
    private long publishIntervalOf(String key, long streamNow) {
        return WindowKeys.end(key) <= streamNow ? pastPublishIntervalMs : publishIntervalMs;
    }
}
