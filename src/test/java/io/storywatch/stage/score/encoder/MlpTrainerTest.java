package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTrainerTest {

    private static final List<String> LABELS = List.of("neg", "neu", "pos");

    /** Three clusters around different centres in 6 dimensions; label = cluster. */
    private static List<MlpTrainer.Example> clusters(int perLabel, long seed) {
        Random random = new Random(seed);
        List<MlpTrainer.Example> examples = new ArrayList<>();
        for (int n = 0; n < perLabel; n++) {
            for (int label = 0; label < 3; label++) {
                float[] x = new float[6];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (random.nextGaussian() * 0.5 + (i % 3 == label ? 2 : 0));
                }
                examples.add(new MlpTrainer.Example(x, label));
            }
        }
        return examples;
    }

    private static MlpHead trained() {
        return MlpTrainer.train("target-sentiment", "test-head", "test-encoder", LABELS, List.of("fact"),
                clusters(100, 1), clusters(20, 2), new MlpTrainer.Options(16, 10, 1e-2, 1e-4, 0.1, 16, 3), e -> { });
    }

    @Test
    void shouldLearnSeparableClustersAndScoreHeldOutOnesWell() {
        MlpHead head = trained();

        assertTrue(MlpTrainer.macroF1(head, clusters(30, 9), 3) > 0.95);
    }

    @Test
    void shouldGiveTheSameProbabilitiesAfterSavingAndLoading(@TempDir Path dir) {
        MlpHead head = trained().withPrior(new double[] {0.2, 0.6, 0.2});
        head.save(dir.resolve("head.json"));
        MlpHead loaded = MlpHead.load(dir.resolve("head.json"));
        float[] x = clusters(1, 5).get(2).features();

        assertTrue(MlpHead.isHead(dir.resolve("head.json")));
        assertEquals(head.version(), loaded.version());
        assertEquals(List.of("fact"), loaded.facts());
        assertArrayEquals(head.probabilities(x), loaded.probabilities(x), 1e-9);
    }

    @Test
    void shouldGiveEachVectorOfABatchExactlyItsOwnProbabilities() {
        MlpHead head = trained();
        List<float[]> vectors = clusters(3, 11).stream().map(MlpTrainer.Example::features).toList();

        List<double[]> batched = head.probabilitiesOf(vectors);

        assertEquals(9, batched.size());
        for (int v = 0; v < vectors.size(); v++) {
            assertArrayEquals(head.probabilities(vectors.get(v)), batched.get(v), 0.0, "vector " + v);
        }
    }

    @Test
    void shouldMoveProbabilityTowardALabelWhosePriorIsRaised() {
        MlpHead head = trained();
        float[] between = new float[6];
        java.util.Arrays.fill(between, 0.7f);
        double neutralBefore = head.probabilities(between)[1];
        double neutralAfter = head.withPrior(new double[] {0.1, 0.8, 0.1}).probabilities(between)[1];

        assertTrue(neutralAfter > neutralBefore, neutralBefore + " -> " + neutralAfter);
    }

    @Test
    void shouldTrainMembersAtOnceExactlyAsOneAfterAnother() {
        MlpTrainer.Options options = new MlpTrainer.Options(16, 6, 1e-2, 1e-4, 0.1, 16, 3);
        List<MlpTrainer.Example> training = clusters(60, 1);
        List<MlpTrainer.Example> heldOut = clusters(20, 2);
        List<Integer> reported = java.util.Collections.synchronizedList(new ArrayList<>());

        List<MlpHead> together = MlpTrainer.trainMembers("target-sentiment", "test-head", "test-encoder", LABELS,
                List.of("fact"), training, heldOut, options, 3, m -> epoch -> reported.add(m));

        assertEquals(3, together.size());
        assertEquals(3 * options.epochs(), reported.size());
        float[] x = clusters(1, 5).get(1).features();
        for (int m = 0; m < 3; m++) {
            MlpTrainer.Options alone = new MlpTrainer.Options(16, 6, 1e-2, 1e-4, 0.1, 16, 3 + m);
            MlpHead single = MlpTrainer.train("target-sentiment", "test-head", "test-encoder", LABELS,
                    List.of("fact"), training, heldOut, alone, e -> { });
            assertArrayEquals(single.probabilities(x), together.get(m).probabilities(x), 0.0, "network " + m);
        }
        assertTrue(Math.abs(together.get(0).probabilities(x)[0] - together.get(1).probabilities(x)[0]) > 0,
                "networks with different seeds differ");
    }
}
