package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.TargetSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds the targets that speak or worry: named in a clause before its verb of saying (称, 表示) or of worry (担忧). */
public final class SpeakerFinding {

    public Speakers find(WeighedClauses clauses) {
        List<Set<String>> before = new ArrayList<>();
        Set<String> spoken = new LinkedHashSet<>();
        for (Clause clause : clauses.list()) {
            before.add(Set.copyOf(spoken));
            Set<String> seen = new LinkedHashSet<>();
            for (TargetSpan first : clause.mentions()) {
                if (!seen.add(first.target())) {
                    continue;
                }
                for (Cue cue : clause.cues()) {
                    if ((cue.kind() == CueKind.SPEECH || cue.kind() == CueKind.CONCERN)
                            && first.start() < cue.start()) {
                        spoken.add(first.target());
                    }
                }
            }
        }
        return new Speakers(clauses, before);
    }
}
