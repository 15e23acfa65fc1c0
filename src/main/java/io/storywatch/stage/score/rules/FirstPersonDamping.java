package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.TargetSpan;
import java.util.List;

/**
 * Damps what the sentence says of a target it names only as 我, since the speaker's own feelings ("我为此感到自豪") are
 * no judgement of the speaker (我们, the organisation spoken for, is not damped).
 */
public final class FirstPersonDamping {

    private final RuleWeights weights;
    private final FunctionWords words;

    public FirstPersonDamping(RuleWeights weights, FunctionWords words) {
        this.weights = weights;
        this.words = words;
    }

    public TargetTally apply(TargetTally tally) {
        String text = tally.text();
        List<TargetSpan> targets = tally.clauses().sentence().targets();
        TargetTally result = tally;
        for (String target : tally.targetRaw().keySet()) {
            boolean firstPersonOnly = targets.stream().filter(t -> t.target().equals(target))
                    .allMatch(t -> words.firstPerson().contains(text.substring(Math.max(0, t.start()),
                            Math.min(text.length(), Math.max(t.start(), t.end())))));
            if (firstPersonOnly) {
                result = result.times(target, weights.speaker());
            }
        }
        return result;
    }
}
