package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.RuleWeights;

/** Lets a framing clause before anyone is named ("一出闹剧，几乎让Anthropic…") colour every target of the sentence. */
public final class LeadIn {

    private final RuleWeights weights;

    public LeadIn(RuleWeights weights) {
        this.weights = weights;
    }

    public TargetTally apply(TargetTally tally) {
        if (tally.leadIn() == 0) {
            return tally;
        }
        TargetTally result = tally;
        for (String target : tally.targetRaw().keySet()) {
            result = result.plus(target, weights.leadIn() * tally.leadIn(), null);
        }
        return result;
    }
}
