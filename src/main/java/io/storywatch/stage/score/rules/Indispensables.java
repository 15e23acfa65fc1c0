package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.TargetSpan;
import java.util.List;

/** Praises the one without whom something could not be: "(如果)没有他，这个团队早就散了". */
public final class Indispensables {

    /** What such a sentence adds for that one, times the outcome clause's weight. */
    private static final double INDISPENSABLE = 0.6;

    public TargetTally apply(TargetTally tally) {
        List<Clause> clauses = tally.clauses().list();
        TargetTally result = tally;
        for (int c = 0; c + 1 < clauses.size(); c++) {
            String indispensable = indispensable(clauses.get(c), clauses.get(c + 1));
            if (indispensable != null && result.targetRaw().containsKey(indispensable)) {
                result = result.plus(indispensable, INDISPENSABLE * clauses.get(c + 1).weight(), "indispensable");
            }
        }
        return result;
    }

    /**
     * The target of "(如果)没有X，…不会…": a clause that is only "without X" followed by a negated outcome; null if the
     * two clauses are not that.
     */
    private static String indispensable(Clause without, Clause outcome) {
        Cue negator = null;
        for (Cue cue : without.cues()) {
            if (cue.kind().isPolar()) {
                return null;
            }
            if (cue.kind() == CueKind.NEGATOR && cue.entry().word().equals("没有") && negator == null) {
                negator = cue;
            }
        }
        if (negator == null || negator.start() - without.start() > 3 || without.mentions().isEmpty()) {
            return null;
        }
        TargetSpan who = without.mentions().get(0);
        if (who.start() < negator.end() || who.start() - negator.end() > 1) {
            return null;
        }
        for (Cue cue : outcome.cues()) {
            String word = cue.entry().word();
            if (cue.kind() == CueKind.NEGATOR && (word.startsWith("不") || word.equals("没有"))) {
                return who.target();
            }
        }
        return null;
    }
}
