package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void shouldAverageTheLayersItIsAskedFor() {
        byte[] model = SentenceEncoder.resource(SentenceEncoder.BGE_SMALL_ZH_MODEL);
        WordPieceTokenizer tokenizer = SentenceEncoder.bgeSmallZhTokenizer();
        String first = SentenceEncoder.BGE_SMALL_ZH_LAYERS.get(0);
        List<String> text = List.of("监管机构周二宣布对该公司展开调查。");
        try (SentenceEncoder last = new SentenceEncoder(model, tokenizer, "last", 160, 1, List.of(SentenceEncoder.LAST_HIDDEN_STATE));
             SentenceEncoder lowest = new SentenceEncoder(model, tokenizer, "first", 160, 1, List.of(first));
             SentenceEncoder both = new SentenceEncoder(model, tokenizer, "both", 160, 1,
                     List.of(first, SentenceEncoder.LAST_HIDDEN_STATE))) {
            float[][] a = lowest.encodeTexts(text).get(0).states();
            float[][] b = last.encodeTexts(text).get(0).states();
            float[][] mean = both.encodeTexts(text).get(0).states();
            float[][] shipped = encoder.encodeTexts(text).get(0).states();

            assertEquals(shipped.length, mean.length);
            assertNotEquals(a[3][0], b[3][0]);
            for (int t = 0; t < mean.length; t++) {
                assertEquals(512, mean[t].length);
                for (int k = 0; k < mean[t].length; k++) {
                    assertEquals(shipped[t][k], b[t][k], 1e-6, "token " + t + " dimension " + k);
                    assertEquals((a[t][k] + b[t][k]) / 2, mean[t][k], 1e-5, "token " + t + " dimension " + k);
                }
            }
        }
    }

    @Test
    void shouldNameTheLayersInItsVersionAndFindThemFromIt() {
        SentenceEncoder mean = SentenceEncoder.bgeSmallZh(SentenceEncoder.Layers.MEAN);

        assertEquals("bge-small-zh-v1.5-q+layers-mean4", mean.version());
        assertEquals(mean, SentenceEncoder.forVersion(mean.version()));
        assertEquals(encoder, SentenceEncoder.forVersion(encoder.version()));
        assertEquals(SentenceEncoder.Layers.MEAN, SentenceEncoder.Layers.parse("mean"));
        assertThrows(IllegalArgumentException.class, () -> SentenceEncoder.Layers.parse("middle"));
    }

    @Test
    void shouldRefuseBytesThatAreNotAModelWhenAddingOutputs() {
        assertThrows(IllegalArgumentException.class,
                () -> GraphOutputs.withOutputs(new byte[] {(byte) 0x3A, 0x05, 1}, List.of("x")));
        assertThrows(IllegalArgumentException.class,
                () -> GraphOutputs.withOutputs(new byte[] {0x08, 0x07}, List.of("x")));
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
