package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.stage.score.TargetSpan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetFeaturesTest {

    /** "甲说，乙好" as six tokens between [CLS] and [SEP]; token t's vector is (t, 10 t). */
    private static EncodedText encoded() {
        String text = "甲说，乙好";
        int n = text.length() + 2;
        int[] ids = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        float[][] states = new float[n][];
        for (int t = 0; t < n; t++) {
            int at = Math.max(0, Math.min(text.length(), t - 1));
            starts[t] = t == 0 || t == n - 1 ? at : t - 1;
            ends[t] = t == 0 || t == n - 1 ? at : t;
            states[t] = new float[] {t, 10 * t};
        }
        starts[0] = 0;
        ends[0] = 0;
        starts[n - 1] = text.length();
        ends[n - 1] = text.length();
        return new EncodedText(new TokenizedText(text, ids, starts, ends), states);
    }

    @Test
    void shouldPoolTheTargetItsContextCLSTheSentenceAndItsClause() {
        float[] f = TargetFeatures.of(encoded(), List.of(TargetSpan.named("乙", 3, 4)),
                new TargetFeatures.RuleSignals(-2, 0.5, Set.of("patient-of-negative"), false, 2),
                List.of("agent-of-negative-event", "patient-of-negative"));

        assertEquals(2 * 5 + TargetFeatures.RULE_NUMBERS + 2, f.length);
        assertEquals(4, f[0], 1e-6);                        // 乙 is token 4
        assertEquals((1 + 2 + 3 + 5) / 4.0, f[2], 1e-6);     // the other words within reach
        assertEquals(0, f[4], 1e-6);                        // [CLS]
        assertEquals((1 + 2 + 3 + 4 + 5) / 5.0, f[6], 1e-6); // the whole sentence
        assertEquals((4 + 5) / 2.0, f[8], 1e-6);            // its clause, after the comma
        assertEquals((float) Math.tanh(-2), f[10], 1e-6);
        assertEquals(1, f[12 + 0], 1e-6);                   // raw -2 falls in the lowest bucket
        assertEquals(0, f[12 + 1], 1e-6);
        assertEquals(0, f[10 + TargetFeatures.RULE_NUMBERS], 1e-6);
        assertEquals(1, f[10 + TargetFeatures.RULE_NUMBERS + 1], 1e-6);
    }

    @Test
    void shouldFlagATargetWhoseMentionWasNotEncoded() {
        float[] f = TargetFeatures.of(encoded(), List.of(TargetSpan.named("丙", 9, 10)),
                new TargetFeatures.RuleSignals(0, 0, Set.of(), true, 1), List.of());

        assertEquals(0, f[0], 1e-6);
        assertEquals(1, f[10 + 7], 1e-6);   // implicit
        assertEquals(1, f[10 + 9], 1e-6);   // no tokens
    }
}
