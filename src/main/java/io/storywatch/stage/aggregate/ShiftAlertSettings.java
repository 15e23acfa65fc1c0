package io.storywatch.stage.aggregate;

import java.time.Duration;

/**
 * When a faction's mean sentiment in a closed window counts as a shift against its trailing baseline.
 *
 * @param windowSize the window size alerts watch (1 day: the daily mean); no alerts if it is not a published size
 * @param baselineWindows how many windows before the closed one make up its baseline
 * @param minArticles the closed window needs at least this many original articles
 * @param minBaselineArticles the baseline needs at least this many original articles in all
 * @param zThreshold |shift| / standard error of the difference must reach this
 * @param minShift |shift| itself must reach this, so that a tiny move on many articles does not alert
 */
public record ShiftAlertSettings(Duration windowSize, int baselineWindows, int minArticles, long minBaselineArticles,
                                 double zThreshold, double minShift) {

    public ShiftAlertSettings {
        if (windowSize == null || windowSize.isNegative() || windowSize.isZero()) {
            throw new IllegalArgumentException("windowSize must be positive, got " + windowSize);
        }
        if (baselineWindows < 1 || minArticles < 2 || minBaselineArticles < 2) {
            throw new IllegalArgumentException("a baseline needs at least one window and both means two articles");
        }
        if (zThreshold <= 0 || minShift < 0) {
            throw new IllegalArgumentException("zThreshold must be positive and minShift not negative");
        }
    }

    /** Daily means against the previous 7 days, 5 articles that day and 10 in the baseline, |z| >= 3, |shift| >= 0.2. */
    public static ShiftAlertSettings defaults() {
        return new ShiftAlertSettings(Duration.ofDays(1), 7, 5, 10, 3.0, 0.2);
    }
}
