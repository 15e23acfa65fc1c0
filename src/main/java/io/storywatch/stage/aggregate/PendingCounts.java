package io.storywatch.stage.aggregate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The effects on the windows of the articles of one publish tick that the window store does not hold yet, kept in
 * the same transaction as the articles' offsets: one store record per tick rather than per article, so that a crash
 * loses nothing while the changelog carries a record every commit at most.
 *
 * <p>{@code original} and {@code copy} are the one count of a record written by an earlier version, which kept a
 * record per article; they are read so that an upgrade after a crash loses nothing either.
 */
public record PendingCounts(List<UnpublishedCount> counts, Long timestamp, UnpublishedCount.OriginalCounted original,
                            UnpublishedCount.CopyCounted copy) {

    public PendingCounts(List<UnpublishedCount> counts) {
        this(List.copyOf(counts), null, null, null);
    }

    /** The counts in the order they were kept. */
    @JsonIgnore
    public List<UnpublishedCount> all() {
        if (counts != null) {
            return counts;
        }
        return original == null && copy == null ? List.of()
                : List.of(new UnpublishedCount(timestamp == null ? 0L : timestamp, original, copy));
    }
}
