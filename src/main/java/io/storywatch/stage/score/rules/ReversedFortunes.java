package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.TargetSpan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a sentence that returns someone to office: a removal of the same one before the return and the return cancel
 * ("奥特曼被罢免又很快复职"), and anyone else it shows leaving a post lost ("奥特曼官复原职之际，托纳卸任了董事").
 */
public final class ReversedFortunes {

    private final RoleReader roles;

    public ReversedFortunes(RuleWeights weights, FunctionWords words) {
        this.roles = new RoleReader(weights, words);
    }

    public TargetTally apply(TargetTally tally) {
        String text = tally.text();
        Map<String, Integer> restoredAt = restoredAt(tally);
        if (restoredAt.isEmpty()) {
            return tally;
        }
        Map<String, Double> removals = new LinkedHashMap<>();
        Map<String, Double> returns = new LinkedHashMap<>();
        Map<String, Double> losses = new LinkedHashMap<>();
        for (Clause clause : tally.clauses().list()) {
            double weight = clause.weight() * clause.damping();
            for (Cue cue : clause.cues()) {
                for (TargetSpan span : clause.mentions()) {
                    String target = span.target();
                    Integer returned = restoredAt.get(target);
                    if (returned != null && cue.kind() == CueKind.PATIENT && cue.value() < 0
                            && cue.start() < returned && roles.patientFactor(span.start(), cue, clause) > 0.5) {
                        removals.merge(target, weight * cue.value(), Math::min);
                    } else if (returned != null && cue.kind() == CueKind.RESTORATION && span.start() < cue.start()
                            && roles.wordFactor(text, span.start(), cue, clause) > 0.5) {
                        returns.merge(target, weight * cue.value(), Math::max);
                    } else if (returned == null && cue.kind() == CueKind.DEPARTURE && span.start() < cue.start()
                            && roles.agentFactor(span.start(), cue, clause) > 0.5) {
                        losses.merge(target, weight * cue.value(), Math::min);
                    }
                }
            }
        }
        TargetTally result = tally;
        for (var removal : removals.entrySet()) {
            // a return alone keeps its praise; after a removal the two make a round trip
            String target = removal.getKey();
            result = result.plus(target, -removal.getValue() - returns.getOrDefault(target, 0.0),
                    "removed-and-restored");
        }
        for (var loss : losses.entrySet()) {
            result = result.plus(loss.getKey(), loss.getValue(), "left-as-other-side-returned");
        }
        return result;
    }

    /** Where each target returned to office is last said to return, as the subject of a return. */
    private Map<String, Integer> restoredAt(TargetTally tally) {
        Map<String, Integer> restoredAt = new LinkedHashMap<>();
        for (Clause clause : tally.clauses().list()) {
            for (Cue cue : clause.cues()) {
                if (cue.kind() != CueKind.RESTORATION || cue.value() <= 0) {
                    continue;
                }
                for (TargetSpan span : clause.mentions()) {
                    if (span.start() < cue.start() && roles.wordFactor(tally.text(), span.start(), cue, clause) > 0.5) {
                        restoredAt.merge(span.target(), cue.start(), Math::max);
                    }
                }
            }
        }
        return restoredAt;
    }
}
