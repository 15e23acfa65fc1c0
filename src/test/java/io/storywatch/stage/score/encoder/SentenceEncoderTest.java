package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

    private final SentenceEncoder encoder = SentenceEncoder.bgeSmallZh();

    @Test
    void shouldGiveOne512WideVectorPerTokenFromTheShippedModel() {
        EncodedText encoded = encoder.encodeTexts(List.of("董事会突然解雇了首席执行官。")).get(0);

        assertEquals(encoded.tokens().length(), encoded.states().length);
        assertEquals(512, encoded.dimensions());
        assertEquals("bge-small-zh-v1.5-q", encoder.version());
    }

    @Test
    void shouldEncodeASentenceAloneAndInABatchOfLongerOnesAlike() {
        String shortText = "她获得了同行的一致赞誉。";
        float[][] alone = encoder.encodeTexts(List.of(shortText)).get(0).states();
        float[][] batched = encoder.encodeTexts(List.of("这家公司在过去三年里连续亏损，投资人纷纷撤资，管理层却仍在发放高额奖金。",
                shortText, "监管机构周二宣布对该公司展开调查。")).get(1).states();

        assertEquals(alone.length, batched.length);
        for (int t = 0; t < alone.length; t++) {
            for (int k = 0; k < alone[t].length; k++) {
                assertEquals(alone[t][k], batched[t][k], 1e-3, "token " + t + " dimension " + k);
            }
        }
    }

    @Test
    void shouldPlaceSimilarSentencesCloserThanUnrelatedOnes() {
        List<EncodedText> encoded = encoder.encodeTexts(List.of("公司宣布裁员三千人。", "该企业决定裁掉数千名员工。",
                "今天的足球比赛下起了大雨。"));
        double near = cosine(encoded.get(0).states()[0], encoded.get(1).states()[0]);
        double far = cosine(encoded.get(0).states()[0], encoded.get(2).states()[0]);

        assertTrue(near > far, "near " + near + " far " + far);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
