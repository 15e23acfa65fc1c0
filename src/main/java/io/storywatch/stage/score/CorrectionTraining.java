package io.storywatch.stage.score;

import io.storywatch.event.CorrectionMade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns analysts' corrections into training lines for {@code train --task target-sentiment}
 * ({@code {"text", "target", "label", "implicit"?}}, see src/main/resources/training/README.md), so that a team's
 * model learns from its analysts: one line per sentence and target, from the correction in force (a later one
 * supersedes an earlier one). The target is the words that refer to it in the sentence, else its entity id (which
 * training resolves for the bundled story's entities only). Relevance corrections make no line.
 */
public final class CorrectionTraining {

    /** One training line, as written. */
    public record TrainingLine(String text, String target, String label, Boolean implicit) {
    }

    /** The lines, and how many corrections made none and why. */
    public record Export(List<TrainingLine> lines, int superseded, int relevance, int withoutText) {
    }

    private CorrectionTraining() {
    }

    /** The lines of a log of corrections in the order they were made. */
    public static Export export(List<CorrectionMade> log) {
        Map<String, CorrectionMade> inForce = new LinkedHashMap<>();
        int relevance = 0;
        int targetCorrections = 0;
        for (CorrectionMade correction : log) {
            if (!CorrectionMade.TARGET_LABEL.equals(correction.kind())) {
                relevance++;
                continue;
            }
            targetCorrections++;
            String key = correction.article() + "|" + correction.subject();
            inForce.remove(key);
            inForce.put(key, correction);
        }
        List<TrainingLine> lines = new ArrayList<>();
        int withoutText = 0;
        for (CorrectionMade correction : inForce.values()) {
            if (correction.sentenceText() == null || correction.sentenceText().isBlank()) {
                withoutText++;
                continue;
            }
            boolean named = correction.mention() != null && !correction.mention().isBlank();
            lines.add(new TrainingLine(correction.sentenceText(), named ? correction.mention() : correction.target(),
                    correction.newLabel(), named && Boolean.TRUE.equals(correction.implicit()) ? Boolean.TRUE : null));
        }
        return new Export(List.copyOf(lines), targetCorrections - inForce.size(), relevance, withoutText);
    }
}
