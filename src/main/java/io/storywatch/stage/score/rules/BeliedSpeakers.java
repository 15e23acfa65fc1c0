package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.TargetSpan;

/**
 * Finds a claim the sentence shows untrue, a clause opening with 而/但 + 实际上 (or 事实上) after someone's words, and
 * gives the one who spoke last before it the belying word's value: "X告诉参议院他没有持股，而实际上他有".
 */
public final class BeliedSpeakers {

    private final FunctionWords words;

    public BeliedSpeakers(FunctionWords words) {
        this.words = words;
    }

    public TargetTally apply(TargetTally tally) {
        String text = tally.text();
        TargetTally result = tally;
        TargetSpan speaker = null;
        for (Clause clause : tally.clauses().list()) {
            for (Cue cue : clause.cues()) {
                if (cue.kind() == CueKind.SPEECH) {
                    TargetSpan nearest = null;
                    for (TargetSpan span : clause.mentions()) {
                        if (span.end() <= cue.start()) {
                            nearest = span;
                        }
                    }
                    speaker = nearest;
                } else if (cue.kind() == CueKind.BELYING && speaker != null && opensContrast(text, clause, cue)) {
                    result = result.plus(speaker.target(), clause.weight() * cue.value(), "belied-speaker");
                    speaker = null;
                }
            }
        }
        return result;
    }

    /** Whether a cue stands at the head of its clause right after a contrast: 而实际上, 但事实上, 然而实际上. */
    private boolean opensContrast(String text, Clause clause, Cue cue) {
        int k = clause.start();
        while (k < cue.start() && !Character.isLetterOrDigit(text.charAt(k))) {
            k++;
        }
        return words.contrastOpeners().contains(text.substring(k, cue.start()));
    }
}
