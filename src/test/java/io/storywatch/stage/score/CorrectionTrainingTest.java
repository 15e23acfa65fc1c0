package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.CorrectionMade;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrectionTrainingTest {

    @Test
    void shouldWriteOneLinePerSentenceAndTargetFromTheCorrectionInForce() {
        CorrectionMade first = target("c1", "a1", 2, "sam-altman", "neg", "奥特曼", false);
        CorrectionMade later = target("c2", "a1", 2, "sam-altman", "neu", "奥特曼", false);
        CorrectionMade pronoun = target("c3", "a1", 3, "sam-altman", "pos", "他", true);
        CorrectionMade noMention = target("c4", "a2", 0, "openai-board", "neg", null, null);
        CorrectionMade relevance = new CorrectionMade(1, "c5", "x", "2026-01-01T00:00:00Z", "a3",
                CorrectionMade.RELEVANCE, null, null, null, "relevant", "irrelevant", null);

        CorrectionTraining.Export export = CorrectionTraining.export(List.of(first, pronoun, later, noMention,
                relevance));

        assertEquals(List.of(new CorrectionTraining.TrainingLine("句子3", "他", "pos", true),
                        new CorrectionTraining.TrainingLine("句子2", "奥特曼", "neu", null),
                        new CorrectionTraining.TrainingLine("句子0", "openai-board", "neg", null)),
                export.lines());
        assertEquals(List.of(1, 1, 0), List.of(export.superseded(), export.relevance(), export.withoutText()));
    }

    private static CorrectionMade target(String id, String article, int sentence, String target, String label,
                                         String mention, Boolean implicit) {
        return new CorrectionMade(1, id, "analyst", "2026-01-01T00:00:00Z", article, CorrectionMade.TARGET_LABEL,
                sentence, target, "句子" + sentence, "pos", label, null, mention, implicit);
    }
}
