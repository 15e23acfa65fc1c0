package io.storywatch.stage.aggregate;

import io.storywatch.event.ArticleMissedWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an original or a copy does to the windows, from the article, what the originals store holds of it and
 * stream time, as a value the processor then applies, so that counting can be read and tested without a processor.
 */
final class OriginalCounting {

    /**
     * The originals store also marks each copy it counted, under this prefix and the copy's id, so that a copy's
     * second record (a replay of score) does not add to its original's reach again. Only an original whose id itself
     * starts with NUL, "copy", NUL could meet such a key.
     */
    static final String COUNTED_COPY_PREFIX = "\u0000copy\u0000";
    /** The processor's own log: these messages were its own before counting became a class of its own. */
    private static final Logger LOG = LoggerFactory.getLogger(WindowAggregator.class);

    /**
     * One article's effect: the count to keep (null: none), the originals store entries to put, in order, and the
     * report of an article no window counts (null: it is not late).
     */
    record Counted(UnpublishedCount count, List<Map.Entry<String, OriginalSeen>> seen, ArticleMissedWindow missed) {

        Counted {
            seen = List.copyOf(seen);
        }

        static Counted nothing() {
            return new Counted(null, List.of(), null);
        }
    }

    private final List<Long> sizes;
    private final WindowRecords records;

    OriginalCounting(List<Long> sizes, WindowRecords records) {
        this.sizes = List.copyOf(sizes);
        this.records = records;
    }

    /**
     * An original with this event time, at stream time {@code now}; {@code timestamp} is its record timestamp and
     * {@code originals} reads the originals store.
     */
    Counted original(Contribution article, long eventTime, long now, long timestamp,
                     Function<String, OriginalSeen> originals) {
        OriginalSeen stored = originals.apply(article.storyKey());
        // a record the pruning may delete is read as deleted, so what a version does does not depend on when it ran
        OriginalSeen seen = stored == null || OriginalsPruning.expired(stored, records, now) ? OriginalSeen.unseen()
                : stored;
        if (seen.arrived()) {
            return replaced(article, seen, now, timestamp);
        }
        if (article.withdrawn()) {
            return Counted.nothing(); // corrected to irrelevant before any window counted it
        }
        List<Long> counted = new ArrayList<>();
        EventWindow longestClosed = null;
        for (long size : sizes) {
            EventWindow window = EventWindow.containing(eventTime, size);
            if (window.isOpenAt(now, records.graceMs(size))) {
                counted.add(size);
            } else {
                longestClosed = window;
            }
        }
        UnpublishedCount count = null;
        ArticleMissedWindow missed = null;
        if (counted.isEmpty()) {
            // late only when no window counts it: an hour window closed while its day is open is a narrower view,
            // not a lost article
            missed = records.missed(article, ArticleMissedWindow.AFTER_GRACE,
                    "its " + longestClosed.size() + " window closed at " + longestClosed.closesAt(
                            records.graceMs(longestClosed.sizeMs())) + " (window end + grace) and stream time is "
                            + EventWindow.iso(now), eventTime, EventWindow.iso(now), longestClosed);
        } else {
            count = new UnpublishedCount(timestamp, new UnpublishedCount.OriginalCounted(article, eventTime,
                    counted, seen.copies(), seen.copySources()), null);
        }
        return new Counted(count, List.of(Map.entry(article.storyKey(), new OriginalSeen(eventTime, seen.copies(),
                seen.copySources(), counted, List.copyOf(article.factions().keySet()),
                List.copyOf(article.entities().keySet()), article))), missed);
    }

    /** A new version of a counted original takes the earlier one's place in the windows still open. */
    private Counted replaced(Contribution article, OriginalSeen seen, long now, long timestamp) {
        Contribution previous = seen.counted();
        if (previous == null) {
            LOG.debug("article {} was counted before versions were kept; its new version is not counted", article.id());
            return Counted.nothing();
        }
        if (previous.countsLike(article)) {
            return Counted.nothing(); // e.g. a replayed upstream stage that decided the same
        }
        List<Long> open = seen.countedSizes().stream()
                .filter(size -> EventWindow.containing(seen.eventTime(), size).isOpenAt(now, records.graceMs(size)))
                .toList();
        UnpublishedCount count = open.isEmpty() ? null : new UnpublishedCount(timestamp, null, null,
                new UnpublishedCount.OriginalReplaced(previous, article, seen.eventTime(), open, seen.copies(),
                        seen.copySources()));
        return new Counted(count, List.of(Map.entry(article.storyKey(), seen.countedAs(article))), null);
    }

    /**
     * A copy with this event time at stream time {@code now}: it adds to the reach of its original's windows still
     * open, or waits for the original; {@code timestamp} is its record timestamp and {@code originals} reads the
     * originals store.
     */
    Counted copy(Contribution copy, long eventTime, long now, long timestamp,
                 Function<String, OriginalSeen> originals) {
        String countedKey = COUNTED_COPY_PREFIX + copy.storyKey();
        String originalId = copy.duplicateOf();
        // read as after the copy's mark is put: the mark itself for an original whose id starts like one
        OriginalSeen stored = copy.originalStoryKey().equals(countedKey) ? OriginalSeen.unseen()
                : originals.apply(copy.originalStoryKey());
        // an original the pruning may delete is read as deleted, and the marks of its copies with it, so what a copy
        // does does not depend on when the pruning ran
        boolean held = stored != null && !OriginalsPruning.expired(stored, records, now);
        OriginalSeen mark = originals.apply(countedKey);
        if (mark != null && (held || mark.copyOf() == null)) {
            // a copy's new version (e.g. a replay of an upstream stage) must not add to its original's reach again
            LOG.debug("copy {} was already counted; its new version is not counted again", copy.id());
            return Counted.nothing();
        }
        if (!held && records.closedForGood(eventTime, now)) {
            // too old for any window of its own date, with no original whose windows it could join: late, and
            // nothing kept that would wait for its original for ever
            EventWindow last = records.lastToClose(eventTime);
            return new Counted(null, List.of(), records.missed(copy, ArticleMissedWindow.AFTER_GRACE, "a copy of "
                    + originalId + ", whose original no open window holds: its own " + last.size()
                    + " window closed at " + last.closesAt(records.graceMs(last.sizeMs()))
                    + " (window end + grace) and stream time is " + EventWindow.iso(now),
                    eventTime, EventWindow.iso(now), last));
        }
        OriginalSeen seen = Optional.ofNullable(stored).orElse(OriginalSeen.unseen()).withCopy(copy.source());
        List<Map.Entry<String, OriginalSeen>> puts = List.of(
                Map.entry(countedKey, OriginalSeen.copyMark(copy.originalStoryKey())),
                Map.entry(copy.originalStoryKey(), seen));
        if (!seen.arrived()) {
            return new Counted(null, puts, null); // the original adds this copy to its windows when it arrives
        }
        List<Long> counted = new ArrayList<>();
        EventWindow longestClosed = null;
        for (long size : seen.countedSizes()) {
            EventWindow window = EventWindow.containing(seen.eventTime(), size);
            if (window.isOpenAt(now, records.graceMs(size))) {
                counted.add(size);
            } else {
                longestClosed = window;
            }
        }
        if (counted.isEmpty()) {
            // an original no window counted (it was late itself) has no window left for its copies either
            EventWindow closed = longestClosed != null ? longestClosed : records.lastToClose(seen.eventTime());
            return new Counted(null, puts, records.missed(copy, ArticleMissedWindow.AFTER_GRACE, "a copy of "
                            + originalId + ", whose " + closed.size() + " window closed at "
                            + closed.closesAt(records.graceMs(closed.sizeMs()))
                            + " (window end + grace); stream time is " + EventWindow.iso(now),
                    seen.eventTime(), EventWindow.iso(now), closed));
        }
        return new Counted(new UnpublishedCount(timestamp, null, new UnpublishedCount.CopyCounted(originalId,
                copy.source(), seen.eventTime(), counted, seen.factions(), seen.entities(), copy.story())), puts,
                null);
    }
}
