package io.storywatch.stage.aggregate;

import java.util.List;

/**
 * An article's effect on the windows, decided when it arrived but not yet written to the window store and the output
 * topics (that happens for all changed windows together, every publish interval): kept in a store in the same
 * transaction as the article's offset, so that a crash in between loses nothing and a restart applies it again.
 * Exactly one of {@code original}, {@code copy} and {@code replaced} is set; {@code timestamp} is the article's record
 * timestamp, which the open records it changes carry.
 */
public record UnpublishedCount(long timestamp, OriginalCounted original, CopyCounted copy, OriginalReplaced replaced) {

    public UnpublishedCount(long timestamp, OriginalCounted original, CopyCounted copy) {
        this(timestamp, original, copy, null);
    }

    /**
     * A new version of a counted original taking the place of the {@code previous} one in its windows of
     * {@code sizes} (those still open), with the copies (and their sources) seen so far.
     */
    public record OriginalReplaced(Contribution previous, Contribution next, long eventTime, List<Long> sizes,
                                   long copies, List<String> copySources) {
        public OriginalReplaced {
            sizes = sizes == null ? List.of() : List.copyOf(sizes);
            copySources = copySources == null ? List.of() : List.copyOf(copySources);
        }
    }

    /**
     * An original counted in the windows of {@code sizes}, with the copies (and their sources) seen before it.
     */
    public record OriginalCounted(Contribution article, long eventTime, List<Long> sizes, long copies,
                                  List<String> copySources) {
        public OriginalCounted {
            sizes = sizes == null ? List.of() : List.copyOf(sizes);
            copySources = copySources == null ? List.of() : List.copyOf(copySources);
        }
    }

    /**
     * A copy of {@code originalId} adding to the reach of the original's windows of {@code sizes}; {@code story} as in
     * {@link Contribution}.
     */
    public record CopyCounted(String originalId, String source, long originalEventTime, List<Long> sizes,
                              List<String> factions, List<String> entities, String story) {

        public CopyCounted(String originalId, String source, long originalEventTime, List<Long> sizes,
                           List<String> factions, List<String> entities) {
            this(originalId, source, originalEventTime, sizes, factions, entities, null);
        }

        public CopyCounted {
            sizes = sizes == null ? List.of() : List.copyOf(sizes);
            factions = factions == null ? List.of() : List.copyOf(factions);
            entities = entities == null ? List.of() : List.copyOf(entities);
        }
    }
}
