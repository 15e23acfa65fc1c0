package io.storywatch.window;

/**
 * A 95% confidence interval for a mean article score, so that a number resting on two articles says so: the one rule
 * the aggregate's window records and the dashboard's own summaries both use.
 *
 * <p>Student's t over the per-article scores: mean ± t(0.975, n−1)·s/√n with the sample standard deviation s,
 * clipped to the score range [-1, 1]. One article gives no spread to estimate: its interval is the whole range.
 * Scores lie in [-1, 1], so the sums of scores and squares lose no meaningful precision.
 */
public record MeanInterval(double low, double high) {

    /** t(0.975, df) for df = 1..30. */
    private static final double[] T_975 = {
            12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
            2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
            2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    private static final double Z_975 = 1.959964;

    public static MeanInterval of(long n, double sum, double sumOfSquares) {
        if (n < 2) {
            return new MeanInterval(-1.0, 1.0);
        }
        double mean = sum / n;
        double variance = Math.max(0.0, (sumOfSquares - n * mean * mean) / (n - 1));
        double halfWidth = t975(n - 1) * Math.sqrt(variance / n);
        return new MeanInterval(Math.max(-1.0, mean - halfWidth), Math.min(1.0, mean + halfWidth));
    }

    /** The 97.5% quantile of Student's t: tabled to 30 degrees of freedom, Cornish-Fisher beyond (error < 1e-4). */
    public static double t975(long degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be positive");
        }
        if (degreesOfFreedom <= T_975.length) {
            return T_975[(int) degreesOfFreedom - 1];
        }
        double v = degreesOfFreedom;
        double z = Z_975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
    }
}
