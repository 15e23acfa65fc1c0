package io.storywatch.stage.aggregate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.SortedMap;

/**
 * What the windows need of one scored article, and nothing more, so that the aggregate's repartition topic carries a
 * few hundred bytes per article instead of its whole text. {@code sourcePartition} is the partition of the scored
 * topic it came from, for {@link StreamTime}.
 */
public record Contribution(String id, String title, String source, String publishedAt, String duplicateOf,
                           SortedMap<String, Portrayal> factions, SortedMap<String, Portrayal> entities,
                           int sourcePartition) {

    public Contribution fromPartition(int partition) {
        return new Contribution(id, title, source, publishedAt, duplicateOf, factions, entities, partition);
    }

    @JsonIgnore
    public boolean isCopy() {
        return duplicateOf != null;
    }
}
