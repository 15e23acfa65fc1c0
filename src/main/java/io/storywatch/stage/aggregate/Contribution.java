package io.storywatch.stage.aggregate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.SortedMap;

/**
 * What the windows need of one scored article, and nothing more, so that the aggregate's repartition topic carries a
 * few hundred bytes per article instead of its whole text.
 */
public record Contribution(String id, String title, String source, String publishedAt, String duplicateOf,
                           SortedMap<String, Portrayal> factions, SortedMap<String, Portrayal> entities) {

    @JsonIgnore
    public boolean isCopy() {
        return duplicateOf != null;
    }
}
