package io.storywatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static final WarmUp.Round COMPILING = new WarmUp.Round(5000, 25.0, 55.0, 15.0);
    private static final WarmUp.Round SETTLED = new WarmUp.Round(5000, 16.0, 31.0, 2.5);

    @Test
    void shouldGoOnWhileTheCompilerTakesMoreThanItsShareAndStopAtTheFirstRoundWithin() {
        WarmUp plan = new WarmUp(5000, 8, 0.10);

        assertFalse(plan.done(List.of()));
        assertFalse(plan.done(List.of(COMPILING)));
        assertFalse(plan.done(List.of(COMPILING, COMPILING)));
        assertTrue(plan.done(List.of(COMPILING, SETTLED)));
        assertTrue(plan.warm(List.of(COMPILING, SETTLED)));
    }

    @Test
    void shouldStopAfterItsMostRoundsAndSayTheCompilerHadNotSettled() {
        WarmUp plan = new WarmUp(5000, 2, 0.10);

        assertTrue(plan.done(List.of(COMPILING, COMPILING)));
        assertFalse(plan.warm(List.of(COMPILING, COMPILING)));
    }

    @Test
    void shouldSendNothingWhenRoundsHaveNoArticles() {
        WarmUp none = new WarmUp(0, 8, 0.10);

        assertTrue(none.done(List.of()));
        assertFalse(none.warm(List.of()));
    }

    @Test
    void shouldMeasureEachRoundPerArticle() {
        assertEquals(15.0 / 55.0, COMPILING.jitShare(), 1e-12);
        assertEquals(11.0, COMPILING.cpuMillisPerArticle(), 1e-12);
        assertEquals(200.0, COMPILING.articlesPerSecond(), 1e-12);
        assertEquals(0.0, new WarmUp.Round(0, 0, 0, 0).jitShare());
    }

    @Test
    void shouldRefuseAShareOutsideZeroToOneAndNoRounds() {
        assertThrows(IllegalArgumentException.class, () -> new WarmUp(5000, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new WarmUp(5000, 8, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new WarmUp(5000, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new WarmUp(-1, 8, 0.1));
    }
}
