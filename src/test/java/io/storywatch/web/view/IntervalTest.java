package io.storywatch.web.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void shouldGiveStudentTIntervalAroundTheCentre() {
        // mean 0.2, s = sqrt(((0.1-0.2)^2 + 0 + (0.3-0.2)^2) / 2) = 0.1, t(2) = 4.303
        Interval interval = Interval.ofScores(new double[]{0.1, 0.2, 0.3}, 0.2);

        assertEquals(0.2 - 4.303 * 0.1 / Math.sqrt(3), interval.low(), 1e-9);
        assertEquals(0.2 + 4.303 * 0.1 / Math.sqrt(3), interval.high(), 1e-9);
        assertEquals("t-articles", interval.method());
    }

    @Test
    void shouldUseTheNormalQuantileBeyondThirtyDegreesOfFreedom() {
        double[] scores = new double[40];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i % 2 == 0 ? 0.5 : -0.5;
        }
        double s = Math.sqrt(40 * 0.25 / 39);

        Interval interval = Interval.ofScores(scores, 0.0);

        assertEquals(1.96 * s / Math.sqrt(40), interval.high(), 1e-9);
    }

    @Test
    void shouldClipToTheScoreRange() {
        Interval interval = Interval.ofScores(new double[]{1.0, -1.0}, 0.9);

        assertEquals(-1.0, interval.low());
        assertEquals(1.0, interval.high());
    }

    @Test
    void shouldGiveNoIntervalBelowTwoScores() {
        assertNull(Interval.ofScores(new double[]{0.4}, 0.4));
        assertNull(Interval.ofLabels(1, 0, 0, 0, 1.0));
    }

    @Test
    void shouldReadLabelCountsAsPlusOneMinusOneAndZero() {
        Interval fromLabels = Interval.ofLabels(2, 1, 1, 0, 0.25);
        Interval fromScores = Interval.ofScores(new double[]{1, 1, -1, 0}, 0.25);

        assertEquals(fromScores.low(), fromLabels.low(), 1e-12);
        assertEquals(fromScores.high(), fromLabels.high(), 1e-12);
        assertEquals("labels", fromLabels.method());
    }
}
