package io.storywatch.stage.aggregate;

import java.util.List;
import java.util.TreeSet;

/**
 * What the aggregate remembers of an original article so that its copies, which may arrive before or after it, add
 * to the reach of the windows that counted it, and a later version of it (an analyst's correction, a replay with
 * another model) replaces what it added instead of adding to it.
 *
 * @param eventTime the original's event time, null while only copies have been seen
 * @param copies the copies seen so far
 * @param copySources the distinct sources of those copies
 * @param countedSizes the window sizes (ms) whose window counted the original (not those it was too late for)
 * @param factions the factions it portrays
 * @param entities the entities it portrays
 * @param counted the version of it the windows count (null in state written before versions were replaced)
 * @param copyOf on a copy's mark (see {@link OriginalCounting#COUNTED_COPY_PREFIX}), the store key of the original it
 *               copies, so that the mark is pruned with its original; null on an original's record, and on marks
 *               written before marks named their original (those are kept)
 */
public record OriginalSeen(Long eventTime, long copies, List<String> copySources, List<Long> countedSizes,
                           List<String> factions, List<String> entities, Contribution counted, String copyOf) {

    public OriginalSeen {
        copySources = copySources == null ? List.of() : List.copyOf(copySources);
        countedSizes = countedSizes == null ? List.of() : List.copyOf(countedSizes);
        factions = factions == null ? List.of() : List.copyOf(factions);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** What is remembered of an original, not a copy's mark. */
    public OriginalSeen(Long eventTime, long copies, List<String> copySources, List<Long> countedSizes,
                        List<String> factions, List<String> entities, Contribution counted) {
        this(eventTime, copies, copySources, countedSizes, factions, entities, counted, null);
    }

    static OriginalSeen unseen() {
        return new OriginalSeen(null, 0, List.of(), List.of(), List.of(), List.of(), null);
    }

    /** The mark of a counted copy of the original kept under {@code originalKey}. */
    static OriginalSeen copyMark(String originalKey) {
        return new OriginalSeen(null, 0, List.of(), List.of(), List.of(), List.of(), null, originalKey);
    }

    boolean arrived() {
        return eventTime != null;
    }

    OriginalSeen withCopy(String source) {
        TreeSet<String> sources = new TreeSet<>(copySources);
        if (source != null) {
            sources.add(source);
        }
        return new OriginalSeen(eventTime, copies + 1, List.copyOf(sources), countedSizes, factions, entities,
                counted);
    }

    /** The same original, now counted as {@code version}. */
    OriginalSeen countedAs(Contribution version) {
        return new OriginalSeen(eventTime, copies, copySources, countedSizes, List.copyOf(version.factions().keySet()),
                List.copyOf(version.entities().keySet()), version);
    }
}
