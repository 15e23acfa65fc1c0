package io.storywatch.stage.tag;

import io.storywatch.stage.tag.CompiledStory.Kind;
import io.storywatch.stage.tag.CompiledStory.Sense;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 3: the entities named so that no context is needed, a full name or an alias only they have; each anchor found
 * counts as context for the aliases after it.
 */
final class Anchoring {

    private Anchoring() {
    }

    static Set<String> anchors(List<NameHit> hits, NameEvidence evidence, ForeignFullNames foreign) {
        Set<String> anchored = new LinkedHashSet<>();
        for (NameHit hit : hits) {
            if (hit.senses().size() != 1) {
                continue;
            }
            Sense sense = hit.senses().get(0);
            if (sense.kind() == Kind.NAME || (sense.kind() == Kind.ALIAS && evidence.acceptAlias(sense, hit, anchored))) {
                if (!evidence.partOfRefused(sense.entity(), hit, null) && !foreign.partOfForeignName(sense.entity(), hit)) {
                    anchored.add(sense.entity().id());
                }
            }
        }
        return Collections.unmodifiableSet(anchored);
    }
}
