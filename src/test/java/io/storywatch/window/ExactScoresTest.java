package io.storywatch.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactScoresTest {

    @Test
    void shouldGiveTheSameMeanInAnyOrderOfArrival() {
        Random random = new Random(7);
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            scores.add(random.nextDouble() * 2 - 1);
        }
        List<Double> shuffled = new ArrayList<>(scores);
        Collections.shuffle(shuffled, random);

        assertEquals(exactMean(scores), exactMean(shuffled));
        // why: a sum of doubles depends on the order of its additions
        assertNotEquals(plainSum(scores), plainSum(shuffled));
    }

    @Test
    void shouldRoundTheMeanOnce() {
        long sum = ExactScores.micros(0.2) + ExactScores.micros(0.4);
        assertEquals(0.3, ExactScores.mean(sum, 2));
        assertEquals(0.2, ExactScores.mean(ExactScores.micros(0.2), 1));
        assertEquals(0.0, ExactScores.mean(0, 0));
    }

    @Test
    void shouldTakeBackWhatItAddedExactly() {
        long sum = ExactScores.micros(0.3) + ExactScores.micros(-0.71);
        assertEquals(ExactScores.micros(0.3), sum - ExactScores.micros(-0.71));
        assertEquals(0.25 * 0.25, ExactScores.sumOfSquares(ExactScores.squareMicros(0.25)));
    }

    private static double exactMean(List<Double> scores) {
        long sum = 0;
        for (double score : scores) {
            sum += ExactScores.micros(score);
        }
        return ExactScores.mean(sum, scores.size());
    }

    private static double plainSum(List<Double> scores) {
        double sum = 0;
        for (double score : scores) {
            sum += score;
        }
        return sum;
    }
}
