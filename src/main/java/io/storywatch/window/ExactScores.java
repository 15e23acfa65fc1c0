package io.storywatch.window;

/**
 * Scores as whole millionths, so that a window's sums are exact integers: the same whatever order its articles
 * arrive in, and a removal takes back exactly what an addition counted. A replay, a restart or a correction then
 * gives the window record byte for byte, which sums of doubles do not (they depend on the order of additions).
 * Scores lie in [-1, 1]: a sum of squares (in millionths squared) holds nine million articles per window.
 */
public final class ExactScores {

    private static final long PER_UNIT = 1_000_000L;
    private static final double SQUARES_PER_UNIT = 1e12;

    private ExactScores() {
    }

    /** The score in whole millionths. */
    public static long micros(double score) {
        return Math.round(score * PER_UNIT);
    }

    /** What {@code micros} adds to a sum of squares. */
    public static long squareMicros(double score) {
        long micros = micros(score);
        return micros * micros;
    }

    /** The mean of {@code n} scores summing to {@code sumMicros}, rounded once: 0.2 and 0.4 give 0.3, not 0.30000000000000004. */
    public static double mean(long sumMicros, long n) {
        return n == 0 ? 0.0 : sumMicros / (double) (n * PER_UNIT);
    }

    public static double sum(long sumMicros) {
        return sumMicros / (double) PER_UNIT;
    }

    public static double sumOfSquares(long squareMicros) {
        return squareMicros / SQUARES_PER_UNIT;
    }
}
