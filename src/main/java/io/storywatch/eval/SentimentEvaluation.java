package io.storywatch.eval;

import io.storywatch.event.RawArticle;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import io.storywatch.stage.score.ArticleScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures target sentiment and faction labels against the story gold: every article goes through an
 * {@link ArticleTagging} and the {@link ArticleScorer}, each gold sentence is found in the output by its text.
 */
public final class SentimentEvaluation {

    public static final List<String> LABELS = List.of("pos", "neg", "neu");
    static final String MISSING = "missing";

    /** One gold (sentence, target) pair and what the scorer said about it. */
    public record Pair(String tid, String target, String gold, String predicted, Double score, String sentence) {
    }

    /** One gold faction label of one article and what the scorer said, from the shown sentences and from all. */
    public record FactionPair(String article, String faction, String gold, String predicted, double score,
                              String predictedWholeArticle) {
    }

    /** Precision, recall and F1 of one label. */
    public record LabelScore(double precision, double recall, double f1, int support) {
    }

    /**
     * The figures. {@code factionAccuracy} labels each faction from the sentences the annotators were shown (the gold
     * sentences) plus the headline, as the annotation guide defines the article label;
     * {@code factionAccuracyWholeArticle} labels it from every sentence, as the stream does.
     */
    public record Report(double macroF1, Map<String, LabelScore> labels, Map<String, Map<String, Integer>> confusion,
                         int pairs, int targetsNotFound, int sentencesNotFound, double factionAccuracy,
                         double factionAccuracyWholeArticle, int factionLabels,
                         Map<String, Map<String, Integer>> factionConfusion,
                         Map<String, Map<String, Integer>> factionConfusionWholeArticle, double scoringMillis,
                         String sentimentVersion, List<Pair> pairDetails, List<FactionPair> factionDetails) {
    }

    private SentimentEvaluation() {
    }

    public static Report run(List<RawArticle> articles, Gold gold, ArticleTagging tagging, ArticleScorer scorer) {
        List<Pair> pairs = new ArrayList<>();
        List<FactionPair> factionPairs = new ArrayList<>();
        int sentencesNotFound = 0;
        long scoringNanos = 0;
        for (RawArticle article : articles) {
            List<GoldSentence> goldSentences = gold.sentencesOf(article.id());
            Map<String, String> goldFactions = gold.factions().get(article.id());
            if (goldSentences.isEmpty() && goldFactions == null) {
                continue;
            }
            var tagged = tagging.tag(article);
            long started = System.nanoTime();
            StanceScored scored = scorer.score(tagged);
            scoringNanos += System.nanoTime() - started;
            java.util.Set<Integer> shown = new java.util.HashSet<>();
            int titleLength = scored.title() == null ? 0 : scored.title().length();
            for (ScoredSentence sentence : scored.sentences()) {
                if (sentence.start() < titleLength) {
                    shown.add(sentence.index());
                }
            }
            for (GoldSentence g : goldSentences) {
                ScoredSentence found = align(g.sentence(), scored.sentences());
                if (found == null) {
                    sentencesNotFound++;
                } else {
                    shown.add(found.index());
                }
                for (var target : new TreeMap<>(g.targets()).entrySet()) {
                    TargetSentiment predicted = found == null ? null : found.targets().get(target.getKey());
                    pairs.add(new Pair(g.tid(), target.getKey(), target.getValue(),
                            predicted == null ? MISSING : predicted.label(),
                            predicted == null ? null : predicted.score(), g.sentence()));
                }
            }
            if (goldFactions != null) {
                var seen = scorer.factionScores(scored, shown::contains);
                goldFactions.forEach((faction, label) -> {
                    var predicted = seen.get(faction);
                    var whole = scored.factions().get(faction);
                    factionPairs.add(new FactionPair(article.id(), faction, label,
                            predicted == null ? "absent" : predicted.label(),
                            predicted == null ? 0 : predicted.score(), whole == null ? "absent" : whole.label()));
                });
            }
        }

        Map<String, Map<String, Integer>> confusion = confusion(pairs);
        int notFound = (int) pairs.stream().filter(p -> p.predicted().equals(MISSING)).count();
        Map<String, LabelScore> exact = labelScores(confusion);
        double macroF1 = exact.values().stream().mapToDouble(LabelScore::f1).sum() / LABELS.size();
        Map<String, LabelScore> labels = new LinkedHashMap<>();
        exact.forEach((label, s) -> labels.put(label, new LabelScore(round(s.precision()), round(s.recall()),
                round(s.f1()), s.support())));

        Map<String, Map<String, Integer>> factionConfusion = new TreeMap<>();
        int correct = 0;
        for (FactionPair pair : factionPairs) {
            factionConfusion.computeIfAbsent(pair.gold(), k -> new TreeMap<>()).merge(pair.predicted(), 1,
                    Integer::sum);
            if (pair.gold().equals(pair.predicted())) {
                correct++;
            }
        }
        Map<String, Map<String, Integer>> wholeConfusion = new TreeMap<>();
        for (FactionPair pair : factionPairs) {
            wholeConfusion.computeIfAbsent(pair.gold(), k -> new TreeMap<>()).merge(pair.predictedWholeArticle(), 1,
                    Integer::sum);
        }
        double factionAccuracy = factionPairs.isEmpty() ? 0 : (double) correct / factionPairs.size();
        long wholeCorrect = factionPairs.stream().filter(p -> p.gold().equals(p.predictedWholeArticle())).count();
        double wholeAccuracy = factionPairs.isEmpty() ? 0 : (double) wholeCorrect / factionPairs.size();
        return new Report(round(macroF1), labels, confusion, pairs.size(), notFound, sentencesNotFound,
                round(factionAccuracy), round(wholeAccuracy), factionPairs.size(), factionConfusion, wholeConfusion,
                round(scoringNanos / 1e6),
                scorer.version(), pairs, factionPairs);
    }

    /** Target macro-F1 over pos, neg and neu of the given pairs, a pair not found counting as a wrong label. */
    public static double macroF1(List<Pair> pairs) {
        return labelScores(confusion(pairs)).values().stream().mapToDouble(LabelScore::f1).sum() / LABELS.size();
    }

    /** Rows gold, columns predicted (and {@value #MISSING}). */
    private static Map<String, Map<String, Integer>> confusion(List<Pair> pairs) {
        Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
        for (String g : LABELS) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (String p : LABELS) {
                row.put(p, 0);
            }
            row.put(MISSING, 0);
            confusion.put(g, row);
        }
        for (Pair pair : pairs) {
            confusion.get(pair.gold()).merge(pair.predicted(), 1, Integer::sum);
        }
        return confusion;
    }

    /** Unrounded precision, recall and F1 of each label. */
    private static Map<String, LabelScore> labelScores(Map<String, Map<String, Integer>> confusion) {
        Map<String, LabelScore> labels = new LinkedHashMap<>();
        for (String label : LABELS) {
            int tp = confusion.get(label).get(label);
            int goldCount = confusion.get(label).values().stream().mapToInt(Integer::intValue).sum();
            int predictedCount = LABELS.stream().mapToInt(g -> confusion.get(g).get(label)).sum();
            double precision = predictedCount == 0 ? 0 : (double) tp / predictedCount;
            double recall = goldCount == 0 ? 0 : (double) tp / goldCount;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            labels.put(label, new LabelScore(precision, recall, f1, goldCount));
        }
        return labels;
    }

    /** The output sentence holding the gold sentence's text, compared without spaces and width differences. */
    static ScoredSentence align(String goldText, List<ScoredSentence> sentences) {
        String key = key(goldText);
        ScoredSentence best = null;
        int bestOverlap = 0;
        for (ScoredSentence sentence : sentences) {
            String candidate = key(sentence.text());
            if (candidate.equals(key)) {
                return sentence;
            }
            int overlap = candidate.contains(key) ? key.length()
                    : key.contains(candidate) && candidate.length() >= 8 ? candidate.length() : 0;
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = sentence;
            }
        }
        return best;
    }

    static String key(String text) {
        StringBuilder key = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\u3000') {
                continue;
            }
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            if (!Character.isWhitespace(c)) {
                key.append(c);
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
