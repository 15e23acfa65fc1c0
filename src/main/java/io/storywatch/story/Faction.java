package io.storywatch.story;

import java.util.List;
import java.util.Map;

/** A camp of a story (e.g. safety, acceleration) whose portrayal is aggregated over its members. */
public record Faction(String id, Map<String, String> names, List<FactionMember> members) {

    public Faction {
        names = names == null ? Map.of() : Map.copyOf(names);
        members = members == null ? List.of() : List.copyOf(members);
    }
}
