package io.storywatch.stage.aggregate;

import java.util.Optional;

/**
 * Decides whether a faction's mean in a closed window has shifted against its trailing baseline, without Kafka.
 *
 * <p>The baseline pools the articles of the previous windows, so a day of two articles weighs less than a day of
 * twenty. z is the difference of the two means over its standard error, √(s²/n + s_b²/n_b), each variance floored
 * at {@value #MIN_VARIANCE} so that a run of identical scores cannot make z infinite. A shift needs enough articles on
 * both sides, |z| at or above the threshold, and |shift| at or above the minimum.
 */
public final class ShiftDetector {

    static final double MIN_VARIANCE = 0.01;

    /** n, sum and sum of squares of article scores. */
    public record Scores(long articles, double sum, double squares) {
        public static Scores of(SentimentTally tally) {
            return new Scores(tally.articles(), tally.scoreSum(), tally.scoreSquares());
        }

        Scores plus(Scores other) {
            return new Scores(articles + other.articles, sum + other.sum, squares + other.squares);
        }

        double mean() {
            return articles == 0 ? 0.0 : sum / articles;
        }

        double variance() {
            if (articles < 2) {
                return MIN_VARIANCE;
            }
            double mean = mean();
            return Math.max(MIN_VARIANCE, (squares - articles * mean * mean) / (articles - 1));
        }
    }

    public record Shift(double mean, double baselineMean, double shift, double zScore) {
        public String direction() {
            return shift > 0 ? "up" : "down";
        }
    }

    private final ShiftAlertSettings settings;

    public ShiftDetector(ShiftAlertSettings settings) {
        this.settings = settings;
    }

    public Optional<Shift> detect(Scores window, Scores baseline) {
        if (window.articles() < settings.minArticles() || baseline.articles() < settings.minBaselineArticles()) {
            return Optional.empty();
        }
        double shift = window.mean() - baseline.mean();
        double standardError = Math.sqrt(window.variance() / window.articles()
                + baseline.variance() / baseline.articles());
        double z = shift / standardError;
        if (Math.abs(z) < settings.zThreshold() || Math.abs(shift) < settings.minShift()) {
            return Optional.empty();
        }
        return Optional.of(new Shift(window.mean(), baseline.mean(), shift, z));
    }
}
