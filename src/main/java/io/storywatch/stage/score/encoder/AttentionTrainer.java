package io.storywatch.stage.score.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a {@link TargetAttention} with a linear softmax classifier on top of its pooled vector (standardised by the
 * plain mean of the training windows), by mini-batch Adam on class-weighted cross-entropy, and keeps the epoch whose
 * classifier scores best on held-out windows. The classifier only teaches the attention where to look; the head that
 * reads the pooled vector is trained afterwards.
 */
public final class AttentionTrainer {

    /** How to train; {@link #DEFAULT} is what {@code train --target-attention} uses. */
    public record Options(int rank, int epochs, double learningRate, double l2, int batch, long seed) {
        public static final Options DEFAULT = new Options(16, 8, 1e-3, 1e-4, 32, 7);
    }

    /** One target's window and its label. */
    public record Example(TargetWindow window, int label) {
    }

    private AttentionTrainer() {
    }

    public static TargetAttention train(List<Example> training, List<Example> heldOut, int labels, Options options,
                                        Consumer<MlpTrainer.Epoch> progress) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        int d = training.get(0).window().query().length;
        int rank = options.rank();
        Random random = new Random(options.seed());
        float[] wq = uniform(rank * d, Math.sqrt(6.0 / (d + rank)), random);
        float[] wk = uniform(rank * d, Math.sqrt(6.0 / (d + rank)), random);
        float[] bias = new float[TargetWindow.BUCKETS];
        float[] wc = uniform(labels * d, Math.sqrt(6.0 / (d + labels)), random);
        float[] bc = new float[labels];
        TargetAttention attention = new TargetAttention(rank, d, wq, wk, bias);
        float[] mean = new float[d];
        float[] scale = new float[d];
        plainMeanStatistics(training, mean, scale);
        double[] classWeight = MlpTrainer.classWeights(training.stream().mapToInt(Example::label).toArray(), labels);

        MlpTrainer.Adam adamQ = new MlpTrainer.Adam(wq.length);
        MlpTrainer.Adam adamK = new MlpTrainer.Adam(wk.length);
        MlpTrainer.Adam adamBias = new MlpTrainer.Adam(bias.length);
        MlpTrainer.Adam adamC = new MlpTrainer.Adam(wc.length);
        MlpTrainer.Adam adamBc = new MlpTrainer.Adam(bc.length);
        float[] gq = new float[wq.length];
        float[] gk = new float[wk.length];
        float[] gBias = new float[bias.length];
        float[] gc = new float[wc.length];
        float[] gBc = new float[labels];
        int[] order = new int[training.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double norm = 1 / Math.sqrt(rank);
        TargetAttention best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            MlpTrainer.shuffle(order, random);
            double loss = 0;
            for (int from = 0; from < order.length; from += options.batch()) {
                int to = Math.min(order.length, from + options.batch());
                Arrays.fill(gq, 0);
                Arrays.fill(gk, 0);
                Arrays.fill(gBias, 0);
                Arrays.fill(gc, 0);
                Arrays.fill(gBc, 0);
                double batchWeight = 0;
                for (int b = from; b < to; b++) {
                    Example example = training.get(order[b]);
                    TargetWindow window = example.window();
                    int y = example.label();
                    double weight = classWeight[y];
                    batchWeight += weight;
                    TargetAttention.Reading reading = attention.read(window);
                    float[] x = MlpTrainer.standardised(reading.pooled(), mean, scale);
                    double[] p = MlpHead.softmax(logits(wc, bc, x, labels));
                    loss += -weight * Math.log(Math.max(1e-12, p[y]));
                    float[] dx = new float[d];
                    for (int c = 0; c < labels; c++) {
                        float g = (float) (weight * (p[c] - (c == y ? 1 : 0)));
                        gBc[c] += g;
                        int row = c * d;
                        for (int k = 0; k < d; k++) {
                            gc[row + k] += g * x[k];
                            dx[k] += g * wc[row + k];
                        }
                    }
                    backward(attention, window, reading, dx, scale, norm, gq, gk, gBias);
                }
                float batchNorm = (float) (1 / batchWeight);
                adamQ.step(wq, gq, batchNorm, options.learningRate(), options.l2());
                adamK.step(wk, gk, batchNorm, options.learningRate(), options.l2());
                adamBias.step(bias, gBias, batchNorm, options.learningRate(), 0);
                adamC.step(wc, gc, batchNorm, options.learningRate(), options.l2());
                adamBc.step(bc, gBc, batchNorm, options.learningRate(), 0);
            }
            double score = heldOut.isEmpty() ? Double.NaN
                    : macroF1(attention, wc, bc, mean, scale, heldOut, labels);
            progress.accept(new MlpTrainer.Epoch(epoch, loss / training.size(), score));
            if (heldOut.isEmpty() || score > bestScore) {
                bestScore = heldOut.isEmpty() ? bestScore : score;
                best = new TargetAttention(rank, d, wq.clone(), wk.clone(), bias.clone());
            }
        }
        return best;
    }

    /** Adds one example's gradient with respect to the attention's weights, given dLoss/dx of its standardised vector. */
    static void backward(TargetAttention attention, TargetWindow window, TargetAttention.Reading reading,
                                 float[] dx, float[] scale, double norm, float[] gq, float[] gk, float[] gBias) {
        int d = dx.length;
        int rank = attention.rank();
        int n = window.states().length;
        double[] alpha = reading.weights();
        double[] dAlpha = new double[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            float[] h = window.states()[i];
            double sum = 0;
            for (int k = 0; k < d; k++) {
                sum += dx[k] * scale[k] * h[k];
            }
            dAlpha[i] = sum;
            expected += alpha[i] * sum;
        }
        float[] v = reading.projectedQuery();
        float[] dv = new float[rank];
        for (int i = 0; i < n; i++) {
            double dScore = alpha[i] * (dAlpha[i] - expected);
            gBias[window.buckets()[i]] += (float) dScore;
            float[] u = reading.projectedStates()[i];
            float[] h = window.states()[i];
            for (int r = 0; r < rank; r++) {
                dv[r] += (float) (dScore * u[r] * norm);
                float du = (float) (dScore * v[r] * norm);
                int row = r * d;
                for (int k = 0; k < d; k++) {
                    gk[row + k] += du * h[k];
                }
            }
        }
        float[] q = window.query();
        for (int r = 0; r < rank; r++) {
            int row = r * d;
            for (int k = 0; k < d; k++) {
                gq[row + k] += dv[r] * q[k];
            }
        }
    }

    private static double macroF1(TargetAttention attention, float[] wc, float[] bc, float[] mean, float[] scale,
                                  List<Example> examples, int labels) {
        int[] predicted = new int[examples.size()];
        int[] gold = new int[examples.size()];
        for (int e = 0; e < examples.size(); e++) {
            float[] x = MlpTrainer.standardised(attention.pool(examples.get(e).window()), mean, scale);
            double[] logits = logits(wc, bc, x, labels);
            int best = 0;
            for (int c = 1; c < labels; c++) {
                if (logits[c] > logits[best]) {
                    best = c;
                }
            }
            predicted[e] = best;
            gold[e] = examples.get(e).label();
        }
        return MlpTrainer.macroF1(predicted, gold, labels);
    }

    private static double[] logits(float[] wc, float[] bc, float[] x, int labels) {
        int d = x.length;
        double[] logits = new double[labels];
        for (int c = 0; c < labels; c++) {
            double sum = bc[c];
            for (int k = 0; k < d; k++) {
                sum += wc[c * d + k] * x[k];
            }
            logits[c] = sum;
        }
        return logits;
    }

    /** Mean and inverse spread of each dimension of the windows' plain (unweighted) means. */
    private static void plainMeanStatistics(List<Example> examples, float[] mean, float[] scale) {
        int d = mean.length;
        List<float[]> plain = new ArrayList<>(examples.size());
        for (Example example : examples) {
            float[][] states = example.window().states();
            float[] m = new float[d];
            for (float[] h : states) {
                for (int k = 0; k < d; k++) {
                    m[k] += h[k] / states.length;
                }
            }
            plain.add(m);
        }
        MlpTrainer.fitStandardisation(plain, mean, scale);
    }

    private static float[] uniform(int size, double limit, Random random) {
        float[] w = new float[size];
        for (int i = 0; i < size; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return w;
    }
}
