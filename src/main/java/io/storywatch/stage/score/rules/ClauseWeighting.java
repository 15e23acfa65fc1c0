package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.RuleWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Weighs each clause: the clause a contrast word opens counts its value times and every clause before the last
 * contrast counts less; hedges, question words and a question mark damp their own clause.
 */
public final class ClauseWeighting {

    private final RuleWeights weights;

    public ClauseWeighting(RuleWeights weights) {
        this.weights = weights;
    }

    public WeighedClauses weigh(Clauses clauses) {
        String text = clauses.sentence().text();
        List<Clause> weighed = new ArrayList<>();
        int lastContrast = -1;
        for (int c = 0; c < clauses.list().size(); c++) {
            Clause clause = clauses.list().get(c);
            double contrast = 1;
            double damping = 1;
            for (Cue cue : clause.cues()) {
                if (cue.kind() == CueKind.CONTRAST && text.substring(clause.start(), cue.start()).isBlank()) {
                    contrast = cue.value();
                }
                if (cue.kind() == CueKind.HEDGE || cue.kind() == CueKind.QUESTION) {
                    damping = Math.min(damping, cue.value());
                }
            }
            char last = text.charAt(clause.end() - 1);
            if (last == '？' || last == '?') {
                damping = Math.min(damping, weights.question());
            }
            if (contrast > 1) {
                lastContrast = c;
            }
            weighed.add(clause.weighted(contrast, damping));
        }
        for (int c = 0; c < lastContrast; c++) {
            Clause before = weighed.get(c);
            weighed.set(c, before.weighted(before.weight() * weights.beforeContrast(), before.damping()));
        }
        return new WeighedClauses(clauses.sentence(), weighed);
    }
}
