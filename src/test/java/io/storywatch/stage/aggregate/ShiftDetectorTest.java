package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShiftDetectorTest {

    private final ShiftDetector detector =
            new ShiftDetector(new ShiftAlertSettings(Duration.ofDays(1), 7, 5, 10, 3.0, 0.2));

    @Test
    void shouldDetectAShiftBeyondTheThreshold() {
        // window: 5 scores -0.4, -0.5, -0.6, -0.5, -0.5 (mean -0.5, s² = 0.005 -> floor 0.01);
        // baseline: 10 scores 0.0 / 0.2 alternating (mean 0.1, s² = 0.1/9 = 0.0111)
        ShiftDetector.Scores window = new ShiftDetector.Scores(5, -2.5, 0.16 + 0.25 + 0.36 + 0.25 + 0.25);
        ShiftDetector.Scores baseline = new ShiftDetector.Scores(10, 1.0, 5 * 0.04);

        ShiftDetector.Shift shift = detector.detect(window, baseline).orElseThrow();

        assertEquals(-0.6, shift.shift(), 1e-12);
        // z = -0.6 / sqrt(0.01 / 5 + 0.011111 / 10) = -0.6 / 0.055777 = -10.757
        assertEquals(-10.757, shift.zScore(), 1e-3);
        assertEquals("down", shift.direction());
    }

    @Test
    void shouldStayQuietBelowTheArticleMinimums() {
        assertEquals(Optional.empty(), detector.detect(new ShiftDetector.Scores(4, -2.0, 1.0),
                new ShiftDetector.Scores(10, 1.0, 0.2)));
        assertEquals(Optional.empty(), detector.detect(new ShiftDetector.Scores(5, -2.5, 1.25),
                new ShiftDetector.Scores(9, 0.9, 0.18)));
    }

    @Test
    void shouldStayQuietWhenTheShiftIsSmallOrNoisy() {
        // shift 0.1 with tight spreads: z large, but |shift| < 0.2
        assertEquals(Optional.empty(), detector.detect(new ShiftDetector.Scores(50, 10.0, 2.0),
                new ShiftDetector.Scores(100, 10.0, 1.0)));
        // shift 0.5, but scores spread over the whole range: window s² ~ 1.25, |z| < 3
        assertEquals(Optional.empty(), detector.detect(new ShiftDetector.Scores(5, 2.5, 6.25),
                new ShiftDetector.Scores(10, 0.0, 10.0)));
    }
}
