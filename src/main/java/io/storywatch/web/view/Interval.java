package io.storywatch.web.view;

import io.storywatch.window.MeanInterval;

/**
 * A 95% confidence interval for a mean sentiment in [-1, 1], with how it was obtained: {@code aggregate} (the window
 * record's own {@code ciLow}/{@code ciHigh}) or {@code t-articles} (the same rule, {@link MeanInterval}, over the
 * per-article scores of a range the view sums itself).
 */
public record Interval(double low, double high, String method) {

    static final String FROM_ARTICLES = "t-articles";
    static final String FROM_AGGREGATE = "aggregate";

    /** Student's t over the scores, as the aggregate stage computes a window's interval. */
    public static Interval ofScores(double[] scores) {
        double sum = 0;
        double squares = 0;
        for (double score : scores) {
            sum += score;
            squares += score * score;
        }
        MeanInterval interval = MeanInterval.of(scores.length, sum, squares);
        return new Interval(interval.low(), interval.high(), FROM_ARTICLES);
    }
}
