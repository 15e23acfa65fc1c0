package io.storywatch.stage.score.rules;

import java.util.List;
import java.util.Set;

/**
 * Who has spoken or worried before each clause: a target named before a verb of saying or worry (马斯克称…, 伊尔亚担忧…)
 * is the source of what follows, and what later clauses carry over to it counts less.
 *
 * @param before for each clause, the targets that spoke in an earlier clause
 */
public record Speakers(WeighedClauses clauses, List<Set<String>> before) {

    public Speakers {
        before = List.copyOf(before);
    }
}
