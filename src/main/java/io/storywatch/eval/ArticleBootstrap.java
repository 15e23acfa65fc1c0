package io.storywatch.eval;

import io.storywatch.eval.SentimentEvaluation.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How far target macro-F1 can move by chance on a few dozen articles: the articles are drawn again with replacement
 * (a sentence's targets, and an article's sentences, are not independent of each other, so the article is the unit),
 * and the figure recomputed on each draw. For two scorers on the same gold, the draws are paired: both are measured on
 * the same drawn articles, which is what tells a real difference from the luck of a set.
 */
public final class ArticleBootstrap {

    /** Draws unless told otherwise: enough for the 2.5th and 97.5th percentiles to settle to about ±0.005. */
    public static final int DEFAULT_DRAWS = 2000;
    /** Fixed, so the same reports always print the same interval. */
    public static final long DEFAULT_SEED = 20231117L;

    /** The central 95% of a figure over the draws. */
    public record Interval(double low, double high, int draws) {
    }

    /**
     * Candidate minus baseline: the observed difference, the central 95% of it over paired draws, and the share of
     * draws in which the candidate scored higher.
     */
    public record Difference(double observed, double low, double high, double shareAbove, int articles, int pairs,
                             int draws) {
    }

    private ArticleBootstrap() {
    }

    public static Interval macroF1(List<Pair> pairs, int draws, long seed) {
        List<List<Pair>> articles = new ArrayList<>(byArticle(pairs).values());
        double[] figures = new double[draws];
        Random random = new Random(seed);
        for (int d = 0; d < draws; d++) {
            List<Pair> drawn = new ArrayList<>();
            for (int a = 0; a < articles.size(); a++) {
                drawn.addAll(articles.get(random.nextInt(articles.size())));
            }
            figures[d] = SentimentEvaluation.macroF1(drawn);
        }
        return new Interval(percentile(figures, 0.025), percentile(figures, 0.975), draws);
    }

    /**
     * @throws IllegalArgumentException when the two do not hold the same gold pairs (measured on different sets)
     */
    public static Difference macroF1Difference(List<Pair> baseline, List<Pair> candidate, int draws, long seed) {
        Map<String, Pair> candidateByKey = new LinkedHashMap<>();
        candidate.forEach(p -> candidateByKey.put(key(p), p));
        if (candidateByKey.size() != baseline.size()) {
            throw new IllegalArgumentException("the reports hold " + baseline.size() + " and " + candidate.size()
                    + " gold pairs: not the same gold");
        }
        Map<String, List<Pair[]>> articles = new LinkedHashMap<>();
        for (Pair b : baseline) {
            Pair c = candidateByKey.get(key(b));
            if (c == null || !c.gold().equals(b.gold())) {
                throw new IllegalArgumentException("gold pair " + key(b) + " is " + b.gold() + " in one report and "
                        + (c == null ? "absent" : c.gold()) + " in the other: not the same gold");
            }
            articles.computeIfAbsent(articleOf(b), a -> new ArrayList<>()).add(new Pair[] {b, c});
        }
        List<List<Pair[]>> units = new ArrayList<>(articles.values());
        double observed = SentimentEvaluation.macroF1(candidate) - SentimentEvaluation.macroF1(baseline);
        double[] differences = new double[draws];
        int above = 0;
        Random random = new Random(seed);
        for (int d = 0; d < draws; d++) {
            List<Pair> drawnBaseline = new ArrayList<>();
            List<Pair> drawnCandidate = new ArrayList<>();
            for (int a = 0; a < units.size(); a++) {
                for (Pair[] both : units.get(random.nextInt(units.size()))) {
                    drawnBaseline.add(both[0]);
                    drawnCandidate.add(both[1]);
                }
            }
            differences[d] = SentimentEvaluation.macroF1(drawnCandidate) - SentimentEvaluation.macroF1(drawnBaseline);
            if (differences[d] > 0) {
                above++;
            }
        }
        return new Difference(observed, percentile(differences, 0.025), percentile(differences, 0.975),
                (double) above / draws, units.size(), baseline.size(), draws);
    }

    /** The article a gold pair belongs to: its task id up to the sentence number ({@code zh_qq_02#07}). */
    static String articleOf(Pair pair) {
        int hash = pair.tid().lastIndexOf('#');
        return hash < 0 ? pair.tid() : pair.tid().substring(0, hash);
    }

    private static Map<String, List<Pair>> byArticle(List<Pair> pairs) {
        Map<String, List<Pair>> out = new LinkedHashMap<>();
        pairs.forEach(p -> out.computeIfAbsent(articleOf(p), a -> new ArrayList<>()).add(p));
        return out;
    }

    private static String key(Pair pair) {
        return pair.tid() + "\u0000" + pair.target();
    }

    private static double percentile(double[] values, double share) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(share * (sorted.length - 1))];
    }
}
