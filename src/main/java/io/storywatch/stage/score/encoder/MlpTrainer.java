package io.storywatch.stage.score.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Trains an {@link MlpHead} by mini-batch Adam on softmax cross-entropy, with dropout on the hidden layer, L2 on the
 * weights and class weights that make each label count alike; keeps the epoch that scores best on held-out examples.
 */
public final class MlpTrainer {

    /** How to train; {@link #DEFAULT} is what {@code train --task target-sentiment} uses. */
    public record Options(int hidden, int epochs, double learningRate, double l2, double dropout, int batch,
                          long seed) {
        public static final int DEFAULT_HIDDEN = 128;
        public static final int DEFAULT_EPOCHS = 24;
        public static final long DEFAULT_SEED = 7;
        public static final Options DEFAULT = new Options(DEFAULT_HIDDEN, DEFAULT_EPOCHS, 1e-3, 1e-4, 0.3, 32,
                DEFAULT_SEED);
    }

    /** One labelled feature vector. */
    public record Example(float[] features, int label) {
    }

    /** Progress after an epoch: training loss and held-out macro-F1 (NaN when nothing is held out). */
    public record Epoch(int epoch, double loss, double heldOutMacroF1) {
    }

    private MlpTrainer() {
    }

    /**
     * Trains {@code members} networks, the m-th (from 0) with seed {@code options.seed() + m}, at most as many at once
     * as there are processors, and returns them in seed order. Each network draws only from its own seed, so the
     * result is the same as training them one after another; {@code progress} gives each network's epoch reporter.
     */
    public static List<MlpHead> trainMembers(String task, String version, String encoder, List<String> labels,
                                             List<String> facts, List<Example> training, List<Example> heldOut,
                                             Options options, int members, IntFunction<Consumer<Epoch>> progress) {
        int threads = Math.max(1, Math.min(members, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "head-training");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<MlpHead>> networks = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                Options member = new Options(options.hidden(), options.epochs(), options.learningRate(),
                        options.l2(), options.dropout(), options.batch(), options.seed() + m);
                Consumer<Epoch> reporter = progress.apply(m);
                networks.add(pool.submit(() -> train(task, version, encoder, labels, facts, training, heldOut,
                        member, reporter)));
            }
            List<MlpHead> trained = new ArrayList<>();
            for (Future<MlpHead> network : networks) {
                trained.add(network.get());
            }
            return trained;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training the head's networks", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("training a network failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public static MlpHead train(String task, String version, String encoder, List<String> labels, List<String> facts,
                                List<Example> training, List<Example> heldOut, Options options,
                                Consumer<Epoch> progress) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        int inputs = training.get(0).features().length;
        int k = labels.size();
        int h = options.hidden();
        float[] mean = new float[inputs];
        float[] scale = new float[inputs];
        standardise(training, mean, scale);

        Random random = new Random(options.seed());
        float[] w1 = new float[h * inputs];
        float[] b1 = new float[h];
        float[] w2 = new float[k * h];
        float[] b2 = new float[k];
        double limit1 = Math.sqrt(6.0 / (inputs + h));
        double limit2 = Math.sqrt(6.0 / (h + k));
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) ((random.nextDouble() * 2 - 1) * limit1);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) ((random.nextDouble() * 2 - 1) * limit2);
        }
        double[] classWeight = classWeights(training.stream().mapToInt(Example::label).toArray(), k);

        Adam adam1 = new Adam(w1.length);
        Adam adamB1 = new Adam(b1.length);
        Adam adam2 = new Adam(w2.length);
        Adam adamB2 = new Adam(b2.length);
        float[][] x = new float[training.size()][];
        for (int n = 0; n < x.length; n++) {
            x[n] = standardised(training.get(n).features(), mean, scale);
        }
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        MlpHead best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        float[] gw1 = new float[w1.length];
        float[] gb1 = new float[h];
        float[] gw2 = new float[w2.length];
        float[] gb2 = new float[k];
        float[] hiddenOut = new float[h];
        float[] pre = new float[h];
        boolean[] kept = new boolean[h];
        float[] dh = new float[h];
        double keep = 1 - options.dropout();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            shuffle(order, random);
            double loss = 0;
            for (int from = 0; from < order.length; from += options.batch()) {
                int to = Math.min(order.length, from + options.batch());
                Arrays.fill(gw1, 0);
                Arrays.fill(gb1, 0);
                Arrays.fill(gw2, 0);
                Arrays.fill(gb2, 0);
                double batchWeight = 0;
                for (int b = from; b < to; b++) {
                    int n = order[b];
                    float[] xn = x[n];
                    int y = training.get(n).label();
                    double weight = classWeight[y];
                    batchWeight += weight;
                    for (int j = 0; j < h; j++) {
                        float sum = b1[j];
                        int row = j * inputs;
                        for (int i = 0; i < inputs; i++) {
                            sum += w1[row + i] * xn[i];
                        }
                        pre[j] = sum;
                        kept[j] = random.nextDouble() < keep;
                        hiddenOut[j] = sum > 0 && kept[j] ? (float) (sum / keep) : 0;
                    }
                    double[] logits = new double[k];
                    for (int c = 0; c < k; c++) {
                        double sum = b2[c];
                        for (int j = 0; j < h; j++) {
                            sum += w2[c * h + j] * hiddenOut[j];
                        }
                        logits[c] = sum;
                    }
                    double[] p = MlpHead.softmax(logits);
                    loss += -weight * Math.log(Math.max(1e-12, p[y]));
                    Arrays.fill(dh, 0);
                    for (int c = 0; c < k; c++) {
                        float g = (float) (weight * (p[c] - (c == y ? 1 : 0)));
                        gb2[c] += g;
                        for (int j = 0; j < h; j++) {
                            gw2[c * h + j] += g * hiddenOut[j];
                            dh[j] += g * w2[c * h + j];
                        }
                    }
                    for (int j = 0; j < h; j++) {
                        if (pre[j] <= 0 || !kept[j]) {
                            continue;
                        }
                        float g = (float) (dh[j] / keep);
                        gb1[j] += g;
                        int row = j * inputs;
                        for (int i = 0; i < inputs; i++) {
                            gw1[row + i] += g * xn[i];
                        }
                    }
                }
                float norm = (float) (1 / batchWeight);
                adam1.step(w1, gw1, norm, options.learningRate(), options.l2());
                adamB1.step(b1, gb1, norm, options.learningRate(), 0);
                adam2.step(w2, gw2, norm, options.learningRate(), options.l2());
                adamB2.step(b2, gb2, norm, options.learningRate(), 0);
            }
            MlpHead head = new MlpHead(task, version, encoder, labels, facts, mean, scale,
                    List.of(new MlpHead.Member(h, w1.clone(), b1.clone(), w2.clone(), b2.clone())),
                    MlpHead.uniform(k), false, null);
            double score = heldOut.isEmpty() ? Double.NaN : macroF1(head, heldOut, k);
            progress.accept(new Epoch(epoch, loss / training.size(), score));
            if (heldOut.isEmpty() || score > bestScore) {
                bestScore = heldOut.isEmpty() ? bestScore : score;
                best = head;
            }
        }
        return best;
    }

    /** Macro-F1 of a head's most probable label over examples. */
    public static double macroF1(MlpHead head, List<Example> examples, int k) {
        int[] predicted = new int[examples.size()];
        int[] gold = new int[examples.size()];
        for (int e = 0; e < examples.size(); e++) {
            double[] p = head.probabilities(examples.get(e).features());
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            predicted[e] = best;
            gold[e] = examples.get(e).label();
        }
        return macroF1(predicted, gold, k);
    }

    /** Macro-F1 over {@code k} labels of predicted against gold label indexes. */
    static double macroF1(int[] predicted, int[] gold, int k) {
        int[] tp = new int[k];
        int[] fp = new int[k];
        int[] fn = new int[k];
        for (int e = 0; e < gold.length; e++) {
            if (predicted[e] == gold[e]) {
                tp[gold[e]]++;
            } else {
                fp[predicted[e]]++;
                fn[gold[e]]++;
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double precision = tp[c] + fp[c] == 0 ? 0 : tp[c] / (double) (tp[c] + fp[c]);
            double recall = tp[c] + fn[c] == 0 ? 0 : tp[c] / (double) (tp[c] + fn[c]);
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / k;
    }

    private static void standardise(List<Example> examples, float[] mean, float[] scale) {
        fitStandardisation(examples.stream().map(Example::features).toList(), mean, scale);
    }

    /** Fills each dimension's mean and inverse standard deviation over the vectors (0 for a constant one). */
    static void fitStandardisation(List<float[]> vectors, float[] mean, float[] scale) {
        int inputs = mean.length;
        double[] sum = new double[inputs];
        double[] squares = new double[inputs];
        for (float[] f : vectors) {
            for (int i = 0; i < inputs; i++) {
                sum[i] += f[i];
                squares[i] += (double) f[i] * f[i];
            }
        }
        int n = vectors.size();
        for (int i = 0; i < inputs; i++) {
            double m = sum[i] / n;
            double variance = Math.max(0, squares[i] / n - m * m);
            mean[i] = (float) m;
            scale[i] = (float) (variance < 1e-10 ? 0 : 1 / Math.sqrt(variance));
        }
    }

    /** The vector with each dimension standardised. */
    static float[] standardised(float[] features, float[] mean, float[] scale) {
        float[] x = new float[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (features[i] - mean[i]) * scale[i];
        }
        return x;
    }

    /** Weights that make each label count alike: n / (k * count of the label). */
    static double[] classWeights(int[] labels, int k) {
        int[] counts = new int[k];
        for (int label : labels) {
            counts[label]++;
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = counts[c] == 0 ? 0 : labels.length / (double) (k * counts[c]);
        }
        return weights;
    }

    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Adam's moment estimates for one parameter array. */
    static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private final float[] m;
        private final float[] v;
        private int t;

        Adam(int size) {
            m = new float[size];
            v = new float[size];
        }

        void step(float[] weights, float[] gradient, float norm, double rate, double l2) {
            t++;
            double correction1 = 1 - Math.pow(BETA1, t);
            double correction2 = 1 - Math.pow(BETA2, t);
            for (int i = 0; i < weights.length; i++) {
                double g = gradient[i] * norm + l2 * weights[i];
                m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
                v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
                weights[i] -= (float) (rate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + 1e-8));
            }
        }
    }
}
