package io.storywatch.stage.aggregate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.SortedMap;

/**
 * What the windows need of one scored article, and nothing more, so that the aggregate's repartition topic carries a
 * few hundred bytes per article instead of its whole text. {@code sourcePartition} is the partition of the scored
 * topic it came from, for {@link StreamTime}. {@code withdrawn}: an analyst corrected the article to irrelevant, so it
 * counts in no window and takes back what an earlier version of it added.
 */
public record Contribution(String id, String title, String source, String publishedAt, String duplicateOf,
                           SortedMap<String, Portrayal> factions, SortedMap<String, Portrayal> entities,
                           int sourcePartition, boolean withdrawn) {

    public Contribution(String id, String title, String source, String publishedAt, String duplicateOf,
                        SortedMap<String, Portrayal> factions, SortedMap<String, Portrayal> entities,
                        int sourcePartition) {
        this(id, title, source, publishedAt, duplicateOf, factions, entities, sourcePartition, false);
    }

    public Contribution fromPartition(int partition) {
        return new Contribution(id, title, source, publishedAt, duplicateOf, factions, entities, partition,
                withdrawn);
    }

    /** Whether the windows would count {@code other} differently: the partition it came through does not matter. */
    boolean countsLike(Contribution other) {
        return other != null && equals(other.fromPartition(sourcePartition));
    }

    @JsonIgnore
    public boolean isCopy() {
        return duplicateOf != null;
    }
}
