package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.stage.score.TargetSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetAttentionTest {

    private static final int REACH = TargetWindow.REACH;

    /** "甲说，乙好" as five tokens between [CLS] and [SEP]; token t's vector is (t, 10 t). */
    private static EncodedText encoded() {
        String text = "甲说，乙好";
        int n = text.length() + 2;
        int[] starts = new int[n];
        int[] ends = new int[n];
        float[][] states = new float[n][];
        for (int t = 0; t < n; t++) {
            starts[t] = t == 0 ? 0 : t == n - 1 ? text.length() : t - 1;
            ends[t] = t == 0 ? 0 : t == n - 1 ? text.length() : t;
            states[t] = new float[] {t, 10 * t};
        }
        return new EncodedText(new TokenizedText(text, new int[n], starts, ends), states);
    }

    @Test
    void shouldReadTheTokensAroundTheTargetWithTheirSignedDistanceAndQueryItsOwnTokens() {
        TargetWindow window = TargetWindow.of(encoded(), List.of(TargetSpan.named("乙", 3, 4)));

        assertArrayEquals(new float[] {4, 40}, window.query());
        assertArrayEquals(new int[] {REACH - 3, REACH - 2, REACH - 1, REACH, REACH + 1}, window.buckets());
        assertArrayEquals(new float[] {1, 10}, window.states()[0]);
        assertEquals(5, window.states().length);                 // [CLS] and [SEP] are not read
    }

    @Test
    void shouldReadEveryTokenWithTheNoTargetBucketAndQueryCLSWhenTheTargetHasNoToken() {
        TargetWindow window = TargetWindow.of(encoded(), List.of());

        assertArrayEquals(new float[] {0, 0}, window.query());
        assertTrue(Arrays.stream(window.buckets()).allMatch(b -> b == TargetWindow.NO_TARGET));
        assertEquals(5, window.states().length);
    }

    @Test
    void shouldPoolAConvexCombinationLeaningToTheBucketItsBiasFavours() {
        float[] bias = new float[TargetWindow.BUCKETS];
        bias[REACH + 1] = 20;
        TargetAttention attention = new TargetAttention(1, 2, new float[2], new float[2], bias);
        TargetWindow window = TargetWindow.of(encoded(), List.of(TargetSpan.named("乙", 3, 4)));

        TargetAttention.Reading reading = attention.read(window);

        assertEquals(1, Arrays.stream(reading.weights()).sum(), 1e-9);
        assertArrayEquals(new float[] {5, 50}, reading.pooled(), 1e-3f);   // 好, right after 乙
    }

    /** The gradient {@code backward} adds equals the loss's change under a small step of each weight. */
    @Test
    void shouldBackPropagateTheGradientTheLossActuallyHas() {
        Random random = new Random(3);
        int d = 5;
        int rank = 3;
        float[][] states = new float[6][d];
        for (float[] h : states) {
            for (int k = 0; k < d; k++) {
                h[k] = (float) random.nextGaussian();
            }
        }
        float[] query = states[2].clone();
        TargetWindow window = new TargetWindow(query, states, new int[] {REACH - 2, REACH - 1, REACH, REACH + 1,
                REACH + 2, REACH + 3});
        float[] wq = gaussian(rank * d, random);
        float[] wk = gaussian(rank * d, random);
        float[] bias = gaussian(TargetWindow.BUCKETS, random);
        float[] c = gaussian(d, random);
        float[] scale = new float[d];
        Arrays.fill(scale, 1);
        TargetAttention attention = new TargetAttention(rank, d, wq, wk, bias);
        float[] gq = new float[wq.length];
        float[] gk = new float[wk.length];
        float[] gBias = new float[bias.length];

        AttentionTrainer.backward(attention, window, attention.read(window), c, scale, 1 / Math.sqrt(rank), gq, gk,
                gBias);

        for (float[][] pair : new float[][][] {{wq, gq}, {wk, gk}, {bias, gBias}}) {
            float[] w = pair[0];
            for (int i = 0; i < w.length; i += 2) {
                float kept = w[i];
                w[i] = kept + 1e-2f;
                double up = loss(attention, window, c);
                w[i] = kept - 1e-2f;
                double down = loss(attention, window, c);
                w[i] = kept;
                assertEquals((up - down) / 2e-2, pair[1][i], 2e-3 + 0.02 * Math.abs(pair[1][i]));
            }
        }
    }

    /** A label carried only by the token right after the target: the plain mean of the window blurs it, the attention finds it. */
    @Test
    void shouldLearnToReadTheTokenThatCarriesTheLabel() {
        AttentionTrainer.Options options = new AttentionTrainer.Options(4, 20, 1e-2, 1e-4, 16, 5);
        List<AttentionTrainer.Example> training = signalAfterTarget(600, 1);
        List<AttentionTrainer.Example> heldOut = signalAfterTarget(150, 2);

        TargetAttention attention = AttentionTrainer.train(training, heldOut, 3, options, epoch -> { });

        double onSignal = 0;
        for (AttentionTrainer.Example example : heldOut) {
            onSignal += attention.read(example.window()).weights()[4] / heldOut.size();
        }
        assertTrue(onSignal > 0.5, "mean weight on the signal token: " + onSignal);
    }

    /** Windows of 8 noisy tokens, the target at index 3; the token after it says the label in dimension 0. */
    private static List<AttentionTrainer.Example> signalAfterTarget(int count, long seed) {
        Random random = new Random(seed);
        List<AttentionTrainer.Example> examples = new ArrayList<>();
        int[] buckets = new int[8];
        for (int i = 0; i < 8; i++) {
            buckets[i] = REACH + i - 3;
        }
        for (int e = 0; e < count; e++) {
            int label = e % 3;
            float[][] states = new float[8][];
            for (int i = 0; i < 8; i++) {
                states[i] = gaussian(4, random);
            }
            states[4][0] = 3 * (label - 1);
            examples.add(new AttentionTrainer.Example(new TargetWindow(states[3].clone(), states, buckets), label));
        }
        return examples;
    }

    @Test
    void shouldKeepTheAttentionThroughSavingAndLoadingAndItsAbsenceToo(@TempDir Path dir) {
        List<MlpTrainer.Example> examples = new ArrayList<>();
        Random random = new Random(4);
        for (int e = 0; e < 30; e++) {
            examples.add(new MlpTrainer.Example(gaussian(6, random), e % 3));
        }
        MlpHead plain = MlpTrainer.train("target-sentiment", "test-head", "test-encoder", List.of("neg", "neu", "pos"),
                List.of(), examples, List.of(), new MlpTrainer.Options(4, 2, 1e-2, 1e-4, 0.1, 8, 3), e -> { });
        TargetAttention attention = new TargetAttention(2, 4, gaussian(8, random), gaussian(8, random),
                gaussian(TargetWindow.BUCKETS, random));
        plain.save(dir.resolve("plain.json"));
        plain.withAttention(attention).save(dir.resolve("attention.json"));

        TargetAttention loaded = MlpHead.load(dir.resolve("attention.json")).attention();

        assertNull(MlpHead.load(dir.resolve("plain.json")).attention());
        assertEquals(2, loaded.rank());
        assertArrayEquals(attention.wq(), loaded.wq());
        assertArrayEquals(attention.wk(), loaded.wk());
        assertArrayEquals(attention.bias(), loaded.bias());
    }

    private static double loss(TargetAttention attention, TargetWindow window, float[] c) {
        float[] pooled = attention.pool(window);
        double sum = 0;
        for (int k = 0; k < c.length; k++) {
            sum += c[k] * pooled[k];
        }
        return sum;
    }

    private static float[] gaussian(int size, Random random) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
