package io.storywatch.web.view;

/**
 * A 95% confidence interval for a mean sentiment in [-1, 1], with how it was obtained: {@code t-articles} (Student t
 * over per-article scores), {@code labels} (pos/neg/neu counts read as +1/-1/0, when no article scores are at hand)
 * or {@code aggregate} (reported by the aggregate stage itself).
 */
public record Interval(double low, double high, String method) {

    static final String FROM_ARTICLES = "t-articles";
    static final String FROM_LABELS = "labels";
    static final String FROM_AGGREGATE = "aggregate";

    /** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
    private static final double[] T_975 = {
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    /** Mean of the scores ± t·s/√n, clipped to [-1, 1]; null below two scores, where no spread can be estimated. */
    public static Interval ofScores(double[] scores, double centre) {
        int n = scores.length;
        if (n < 2) {
            return null;
        }
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= n;
        double squares = 0;
        for (double s : scores) {
            squares += (s - mean) * (s - mean);
        }
        double halfWidth = tQuantile(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        return clipped(centre - halfWidth, centre + halfWidth, FROM_ARTICLES);
    }

    /** The same interval when only label counts are known: each pos counts +1, neg -1, neu and mixed 0. */
    public static Interval ofLabels(long pos, long neg, long neu, long mixed, double centre) {
        double[] scores = new double[(int) Math.min(Integer.MAX_VALUE - 8, pos + neg + neu + mixed)];
        int i = 0;
        for (; i < pos && i < scores.length; i++) {
            scores[i] = 1;
        }
        for (long k = 0; k < neg && i < scores.length; k++, i++) {
            scores[i] = -1;
        }
        Interval interval = ofScores(scores, centre);
        return interval == null ? null : new Interval(interval.low, interval.high, FROM_LABELS);
    }

    static Interval clipped(double low, double high, String method) {
        return new Interval(Math.max(-1, low), Math.min(1, high), method);
    }

    static double tQuantile(int degreesOfFreedom) {
        return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.96;
    }
}
