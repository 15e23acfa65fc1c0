package io.storywatch.stage.score.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.LexiconEntry;
import io.storywatch.stage.score.RuleWeights;
import io.storywatch.stage.score.SentenceInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModifierBindingTest {

    private static final ModifierBinding BINDING =
            new ModifierBinding(RuleWeights.DEFAULT, FunctionWords.loadDefault());

    private static Cue cue(String word, double value, CueKind kind, int start) {
        return new Cue(new LexiconEntry(word, value, kind), start, start + word.length(), value, false);
    }

    private static List<Cue> bind(String text, Cue... hits) {
        return BINDING.bind(new LexiconHits(SentenceInput.of(text, List.of()), List.of(hits))).cues();
    }

    @Test
    void shouldTurnTheSentimentWordRightAfterANegator() {
        Cue negator = cue("并不", -0.8, CueKind.NEGATOR, 2);
        Cue support = cue("支持", 0.5, CueKind.WORD, 4);
        assertEquals(List.of(negator, new Cue(support.entry(), 4, 6, 0.5 * -0.8, false)),
                bind("员工并不支持他。", negator, support));
    }

    @Test
    void shouldNotReachANegatorAcrossAClauseBreak() {
        Cue negator = cue("没有", -0.8, CueKind.NEGATOR, 1);
        Cue success = cue("成功", 0.6, CueKind.WORD, 9);
        assertEquals(List.of(negator, success), bind("他没有出席，发布会很成功。", negator, success));
    }

    @Test
    void shouldLetAShifterTurnTheGoodWordItGovernsInsteadOfCountingTwice() {
        Cue lose = cue("失去", -0.5, CueKind.SHIFTER, 2);
        Cue trust = cue("信心", 0.5, CueKind.WORD, 5);
        assertEquals(List.of(new Cue(lose.entry(), 2, 4, 0, false), new Cue(trust.entry(), 5, 7, -0.5, false)),
                bind("员工失去了信心。", lose, trust));
    }

    @Test
    void shouldReadAnEventVerbAfterDeAsANounAtReducedStrength() {
        Cue sue = cue("起诉", -0.6, CueKind.PATIENT, 4);
        assertEquals(List.of(new Cue(new LexiconEntry("起诉", -0.6, CueKind.WORD), 4, 6,
                        -0.6 * RuleWeights.DEFAULT.nominalEvent(), true)),
                bind("马斯克的起诉", sue));
    }
}
