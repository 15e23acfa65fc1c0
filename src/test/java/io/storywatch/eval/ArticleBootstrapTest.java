package io.storywatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.eval.SentimentEvaluation.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleBootstrapTest {

    private static final String[] LABELS = {"pos", "neg", "neu"};

    /** Articles of six pairs each; in article a, the first {@code wrong[a]} pairs are labelled wrongly. */
    private static List<Pair> articles(int... wrong) {
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < wrong.length; a++) {
            for (int s = 0; s < 6; s++) {
                String gold = LABELS[s % 3];
                String predicted = s < wrong[a] ? LABELS[(s + 1) % 3] : gold;
                pairs.add(new Pair("zh_test_" + a + "#" + s, "openai", gold, predicted, 0.0, "句子" + s));
            }
        }
        return pairs;
    }

    @Test
    void perfectLabelsLeaveNoRoomForChance() {
        ArticleBootstrap.Interval interval = ArticleBootstrap.macroF1(articles(0, 0, 0, 0), 500, 1);
        assertEquals(1.0, interval.low(), 1e-12);
        assertEquals(1.0, interval.high(), 1e-12);
    }

    @Test
    void intervalHoldsTheFigureAndRepeatsForTheSameSeed() {
        List<Pair> pairs = articles(0, 1, 3, 0, 2, 5, 0, 1);
        double observed = SentimentEvaluation.macroF1(pairs);
        ArticleBootstrap.Interval interval = ArticleBootstrap.macroF1(pairs, 1000, 3);
        assertTrue(interval.low() < observed && observed < interval.high(), interval + " vs " + observed);
        assertEquals(interval, ArticleBootstrap.macroF1(pairs, 1000, 3));
    }

    @Test
    void theArticleIsTheUnitDrawnNotThePair() {
        // one article: every draw is that article, so a pair-level bootstrap would spread and this one cannot
        List<Pair> pairs = articles(3);
        ArticleBootstrap.Interval interval = ArticleBootstrap.macroF1(pairs, 500, 5);
        assertEquals(SentimentEvaluation.macroF1(pairs), interval.low(), 1e-12);
        assertEquals(interval.low(), interval.high(), 1e-12);
    }

    @Test
    void aScorerComparedWithItselfDiffersByNothing() {
        List<Pair> pairs = articles(0, 2, 4, 1);
        ArticleBootstrap.Difference difference = ArticleBootstrap.macroF1Difference(pairs, pairs, 500, 7);
        assertEquals(0, difference.observed(), 1e-12);
        assertEquals(0, difference.low(), 1e-12);
        assertEquals(0, difference.high(), 1e-12);
        assertEquals(0, difference.shareAbove(), 1e-12);
        assertEquals(4, difference.articles());
        assertEquals(24, difference.pairs());
    }

    @Test
    void fixingErrorsInEveryArticleIsADifferenceBeyondChance() {
        List<Pair> baseline = articles(2, 3, 2, 4, 3, 2);
        List<Pair> candidate = articles(0, 1, 0, 1, 0, 0);
        ArticleBootstrap.Difference difference = ArticleBootstrap.macroF1Difference(baseline, candidate, 1000, 9);
        assertTrue(difference.observed() > 0);
        assertTrue(difference.low() > 0, difference.toString());
        assertEquals(1.0, difference.shareAbove(), 1e-12);
    }

    @Test
    void aChangeInOneArticleOfManyIsWithinChance() {
        List<Pair> baseline = articles(2, 3, 2, 4, 3, 2, 1, 3, 2, 2);
        List<Pair> candidate = articles(2, 3, 2, 4, 3, 2, 1, 3, 2, 1);
        ArticleBootstrap.Difference difference = ArticleBootstrap.macroF1Difference(baseline, candidate, 1000, 9);
        assertTrue(difference.observed() > 0);
        assertTrue(difference.low() <= 0 && difference.high() > 0, difference.toString());
        assertTrue(difference.shareAbove() < 0.95, difference.toString());
    }

    @Test
    void reportsOnDifferentGoldAreRefused() {
        List<Pair> baseline = articles(0, 1);
        List<Pair> fewer = baseline.subList(0, 10);
        assertThrows(IllegalArgumentException.class, () -> ArticleBootstrap.macroF1Difference(baseline, fewer, 10, 1));
        List<Pair> relabelled = new ArrayList<>(baseline);
        Pair first = relabelled.get(0);
        relabelled.set(0, new Pair(first.tid(), first.target(), "neg", first.predicted(), 0.0, first.sentence()));
        assertThrows(IllegalArgumentException.class,
                () -> ArticleBootstrap.macroF1Difference(baseline, relabelled, 10, 1));
    }
}
