package io.storywatch.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    @Test
    void shouldSpanTheWholeScoreRangeForASingleArticle() {
        assertEquals(new MeanInterval(-1.0, 1.0), MeanInterval.of(1, 0.7, 0.49));
    }

    @Test
    void shouldUseStudentsTOverArticleScores() {
        // scores 0.2, 0.4, 0.6, 0.8, 1.0: mean 0.6, s = 0.316228, t(0.975, 4) = 2.7764 -> 0.6 ± 0.392642
        MeanInterval interval = MeanInterval.of(5, 3.0, 0.04 + 0.16 + 0.36 + 0.64 + 1.0);
        assertEquals(0.207358, interval.low(), 1e-5);
        assertEquals(0.992642, interval.high(), 1e-5);
    }

    @Test
    void shouldClipToTheScoreRange() {
        // scores -1 and 1: mean 0, s = 1.414, t(0.975, 1) = 12.706: far beyond [-1, 1]
        assertEquals(new MeanInterval(-1.0, 1.0), MeanInterval.of(2, 0.0, 2.0));
    }

    @Test
    void shouldCollapseToTheMeanWhenEveryScoreIsTheSame() {
        MeanInterval interval = MeanInterval.of(4, 1.0, 0.25);
        assertEquals(0.25, interval.low(), 1e-12);
        assertEquals(0.25, interval.high(), 1e-12);
    }

    @Test
    void shouldApproximateTQuantilesBeyondTheTable() {
        // published values: t(0.975, 40) = 2.0211, t(0.975, 120) = 1.9799
        assertEquals(2.0423, MeanInterval.t975(30), 1e-4);
        assertEquals(2.0211, MeanInterval.t975(40), 1e-4);
        assertEquals(1.9799, MeanInterval.t975(120), 1e-4);
    }
}
