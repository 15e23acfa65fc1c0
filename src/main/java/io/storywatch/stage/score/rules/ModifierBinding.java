package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.LexiconEntry;
import io.storywatch.stage.score.RuleWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds negators and degree adverbs to the sentiment word right after them, lets a shifter (失去, 破坏) turn the good
 * word it governs, and reads an event verb after 的 as an event noun.
 */
public final class ModifierBinding {

    private final RuleWeights weights;
    private final FunctionWords words;

    public ModifierBinding(RuleWeights weights, FunctionWords words) {
        this.weights = weights;
        this.words = words;
    }

    public BoundCues bind(LexiconHits hits) {
        String text = hits.sentence().text();
        List<Cue> raw = hits.cues();
        List<Cue> result = new ArrayList<>(raw.size());
        int shifted = -1;
        for (int k = 0; k < raw.size(); k++) {
            Cue cue = raw.get(k);
            if (!cue.kind().isPolar()) {
                result.add(cue);
                continue;
            }
            if (cue.kind() == CueKind.SHIFTER) {
                int good = shiftedWord(text, raw, k);
                if (good >= 0) {
                    // "失去了信心": the loss is said by turning what is lost, not twice
                    shifted = good;
                    result.add(new Cue(cue.entry(), cue.start(), cue.end(), 0, false));
                    continue;
                }
            }
            double value = k == shifted ? -weights.negation() * cue.value() : cue.value();
            LexiconEntry entry = cue.entry();
            boolean nominal = false;
            boolean attributive = cue.end() < text.length() && text.charAt(cue.end()) == '的';
            if (cue.kind().hasRoles() && (attributive
                    || cue.start() > 0 && words.isNominaliser(text.charAt(cue.start() - 1)))) {
                nominal = true;
                // "X的起诉", "谷歌的支持": an event noun, not a verb with an agent and a patient
                entry = new LexiconEntry(entry.word(), entry.value(), CueKind.WORD);
                value *= weights.nominalEvent();
            }
            int boundary = cue.start();
            int gap = 0;
            for (int j = k - 1; j >= 0; j--) {
                Cue before = raw.get(j);
                if (before.kind().isPolar() || before.kind().isRoleVerb() || before.kind() == CueKind.CONTRAST) {
                    break;
                }
                gap += boundary - before.end();
                if (gap > weights.modifierReach() || Punctuation.hasBreak(text, before.end(), boundary)) {
                    break;
                }
                if (before.kind() == CueKind.NEGATOR) {
                    value *= weights.negation() * before.value();
                } else if (before.kind() == CueKind.DEGREE) {
                    value *= before.value();
                }
                boundary = before.start();
            }
            result.add(new Cue(entry, cue.start(), cue.end(), Math.max(-1.5, Math.min(1.5, value)), nominal));
        }
        return new BoundCues(hits.sentence(), result);
    }

    /**
     * The index of the good word a shifter at {@code k} turns: the next sentiment word, positive, within the modifier
     * reach and the same clause; -1 if there is none, or if a negator before the shifter turns the shifter itself
     * ("没有失去信心").
     */
    private int shiftedWord(String text, List<Cue> raw, int k) {
        Cue shifter = raw.get(k);
        if (k > 0 && raw.get(k - 1).kind() == CueKind.NEGATOR
                && shifter.start() - raw.get(k - 1).end() <= weights.modifierReach()
                && !Punctuation.hasBreak(text, raw.get(k - 1).end(), shifter.start())) {
            return -1;
        }
        for (int j = k + 1; j < raw.size(); j++) {
            Cue next = raw.get(j);
            if (next.start() - shifter.end() > weights.modifierReach()
                    || Punctuation.hasBreak(text, shifter.end(), next.start())) {
                return -1;
            }
            if (next.kind().isPolar()) {
                return next.value() > 0 ? j : -1;
            }
            if (next.kind().isRoleVerb() || next.kind() == CueKind.CONTRAST || next.kind() == CueKind.NEGATOR) {
                return -1;
            }
        }
        return -1;
    }
}
