package io.storywatch.stage.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets the originals no window can count again, a slice of the originals store per pass, so that the store and
 * its changelog (a delete is a tombstone there) hold only what can still change a window.
 *
 * <p>An original goes once stream time has passed the close (end + grace) of the last of the windows holding the
 * latest event time a version of it can have: its {@code publishedAt}, which a correction or a replay keeps (its
 * event time is that, or the earlier record timestamp it was clamped to). A version arriving afterwards is then late
 * for every window, and {@link OriginalCounting} reads an expired record as gone already, so it reports such a
 * version late whether or not a pass has deleted the record. An undated original is kept: a later version of it
 * counts at its own record timestamp, which nothing bounds; so is one written before versions were kept, and a copy
 * seen before its original (it holds no event time). A copy's mark goes once its original's record has gone or can.
 */
final class OriginalsPruning {

    /** Keys looked at per pass, every checkpoint (30 s): a million originals are looked over in about eight hours. */
    static final int KEYS_PER_PASS = 1_000;

    private final WindowRecords records;
    /** The key the next pass starts at; null: the first. */
    private String resumeAt;

    OriginalsPruning(WindowRecords records) {
        this.records = records;
    }

    /** The latest event time any version of this original can have, or empty when that is not bounded. */
    static OptionalLong latestEventTime(OriginalSeen seen) {
        if (!seen.arrived() || seen.counted() == null) {
            return OptionalLong.empty();
        }
        OptionalLong published = PublishedAtTimestampExtractor.parse(seen.counted().publishedAt());
        return published.isEmpty() ? published : OptionalLong.of(Math.max(seen.eventTime(), published.getAsLong()));
    }

    /**
     * Whether the original's record can go at this stream time; {@link OriginalCounting} reads such a record as gone
     * already, so that what an article does is the same before and after the pass that deletes it.
     */
    static boolean expired(OriginalSeen seen, WindowRecords records, long streamTime) {
        OptionalLong latest = latestEventTime(seen);
        return latest.isPresent() && records.closedForGood(latest.getAsLong(), streamTime);
    }

    /**
     * Looks at the next {@link #KEYS_PER_PASS} keys (from the first again once the last was looked at), deletes the
     * expired originals among them, then the marks among them whose original has gone or can go.
     */
    void pass(KeyValueStore<String, OriginalSeen> originals, long streamTime) {
        if (streamTime < 0) {
            return;
        }
        List<String> expired = new ArrayList<>();
        List<KeyValue<String, String>> marks = new ArrayList<>();
        try (KeyValueIterator<String, OriginalSeen> slice = originals.range(resumeAt, null)) {
            int looked = 0;
            resumeAt = null;
            while (slice.hasNext()) {
                KeyValue<String, OriginalSeen> entry = slice.next();
                if (looked++ == KEYS_PER_PASS) {
                    resumeAt = entry.key;
                    break;
                }
                if (entry.value.copyOf() != null) {
                    marks.add(KeyValue.pair(entry.key, entry.value.copyOf()));
                } else if (expired(entry.value, records, streamTime)) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(originals::delete);
        marks.stream().filter(mark -> gone(originals.get(mark.value), streamTime))
                .forEach(mark -> originals.delete(mark.key));
    }

    /** Whether a copy's mark can go: its original's record has gone, or can. */
    private boolean gone(OriginalSeen original, long streamTime) {
        return original == null || expired(original, records, streamTime);
    }
}
