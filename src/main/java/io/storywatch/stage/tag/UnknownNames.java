package io.storywatch.stage.tag;

import io.storywatch.event.UnlinkedName;
import java.util.List;

/** Names the story does not know, sorted by position, and the same names as referents in the order they were found. */
record UnknownNames(List<UnlinkedName> names, List<Referent> referents) {

    boolean startsAt(int position) {
        return names.stream().anyMatch(name -> name.start() == position);
    }
}
