package io.storywatch.stage.score.encoder;

/**
 * A learned attention around a target: each token of its {@link TargetWindow} scores
 * {@code (wq·query)·(wk·state) / sqrt(rank) + bias[offset bucket]}, and the target's vector is the states averaged
 * with the softmax of those scores. Where the fixed blocks of {@link TargetFeatures} average every word near the
 * target alike, this one learns which words to read for it (the verb that blames it, the praise that names it). Its
 * weights are trained apart from the head ({@link AttentionTrainer}) and then fixed; the head reads its vector as one
 * more block. Immutable; {@code wq} and {@code wk} are [rank][dimensions] row-major.
 */
public record TargetAttention(int rank, int dimensions, float[] wq, float[] wk, float[] bias) {

    public TargetAttention {
        if (rank <= 0 || dimensions <= 0 || wq.length != rank * dimensions || wk.length != rank * dimensions
                || bias.length != TargetWindow.BUCKETS) {
            throw new IllegalArgumentException("attention weights do not fit rank " + rank + ", " + dimensions
                    + " dimensions and " + TargetWindow.BUCKETS + " offset buckets");
        }
    }

    /** The attention-weighted mean of the window's states; zeros for an empty window. */
    public float[] pool(TargetWindow window) {
        return read(window).pooled();
    }

    /** One window read: the query's projection, each token's projection and weight, and the pooled vector. */
    record Reading(float[] projectedQuery, float[][] projectedStates, double[] weights, float[] pooled) {
    }

    Reading read(TargetWindow window) {
        float[] v = project(wq, window.query());
        int n = window.states().length;
        float[][] u = new float[n][];
        double[] scores = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        double norm = 1 / Math.sqrt(rank);
        for (int i = 0; i < n; i++) {
            u[i] = project(wk, window.states()[i]);
            double dot = 0;
            for (int r = 0; r < rank; r++) {
                dot += v[r] * u[i][r];
            }
            scores[i] = dot * norm + bias[window.buckets()[i]];
            max = Math.max(max, scores[i]);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            scores[i] = Math.exp(scores[i] - max);
            total += scores[i];
        }
        float[] pooled = new float[dimensions];
        for (int i = 0; i < n; i++) {
            scores[i] /= total;
            float[] h = window.states()[i];
            float a = (float) scores[i];
            for (int k = 0; k < dimensions; k++) {
                pooled[k] += a * h[k];
            }
        }
        return new Reading(v, u, scores, pooled);
    }

    private float[] project(float[] w, float[] x) {
        if (x.length != dimensions) {
            throw new IllegalArgumentException("attention expects " + dimensions + " dimensions, got " + x.length);
        }
        float[] out = new float[rank];
        for (int r = 0; r < rank; r++) {
            float sum = 0;
            int row = r * dimensions;
            for (int k = 0; k < dimensions; k++) {
                sum += w[row + k] * x[k];
            }
            out[r] = sum;
        }
        return out;
    }
}
