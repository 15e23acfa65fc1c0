package io.storywatch.web.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.window.MeanInterval;
import org.junit.jupiter.api.Test;

class IntervalTest {

    @Test
    void shouldUseTheAggregateStagesStudentTRule() {
        Interval interval = Interval.ofScores(new double[]{0.1, 0.2, 0.3});

        // s = 0.1, t(2) = 4.3027 (the aggregate's table): 0.2 ± 4.3027 · 0.1 / √3
        double halfWidth = 4.3027 * 0.1 / Math.sqrt(3);
        assertEquals(0.2 - halfWidth, interval.low(), 1e-9);
        assertEquals(0.2 + halfWidth, interval.high(), 1e-9);
        assertEquals("t-articles", interval.method());
        MeanInterval same = MeanInterval.of(3, 0.6, 0.01 + 0.04 + 0.09);
        assertEquals(same.low(), interval.low(), 1e-12);
        assertEquals(same.high(), interval.high(), 1e-12);
    }

    @Test
    void shouldGiveTheWholeRangeForOneArticleAsTheAggregateDoes() {
        assertEquals(new Interval(-1.0, 1.0, "t-articles"), Interval.ofScores(new double[]{0.4}));
    }
}
