package io.storywatch.stage.score;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lexicon rules with a trained target-sentiment classifier beside them: each target's score is a weighted mean
 * of the rules' score and the classifier's P(pos) - P(neg). The classifier also sees the rules' verdict as features.
 */
public final class BlendedSentimentModel implements SentimentModel {

    private final RuleSentimentModel rules;
    private final LinearClassifier classifier;
    private final TextFeatures features;
    private final double modelWeight;
    private final int pos;
    private final int neg;

    /** @param modelWeight share of the classifier in a target's score, in [0, 1] */
    public BlendedSentimentModel(RuleSentimentModel rules, LinearClassifier classifier, double modelWeight) {
        if (!"target-sentiment".equals(classifier.task())) {
            throw new IllegalArgumentException("need a target-sentiment model, got " + classifier.task());
        }
        this.rules = rules;
        this.classifier = classifier;
        this.features = new TextFeatures(rules);
        this.modelWeight = modelWeight;
        this.pos = classifier.labels().indexOf("pos");
        this.neg = classifier.labels().indexOf("neg");
    }

    @Override
    public SentenceSentiment score(SentenceInput sentence) {
        SentenceSentiment ruled = rules.score(sentence);
        Map<String, Double> targets = new LinkedHashMap<>();
        ruled.targets().forEach((target, ruleScore) -> {
            double[] p = classifier.probabilities(features.targetSentiment(sentence, target));
            double modelScore = (pos >= 0 ? p[pos] : 0) - (neg >= 0 ? p[neg] : 0);
            targets.put(target, (1 - modelWeight) * ruleScore + modelWeight * modelScore);
        });
        return new SentenceSentiment(ruled.sentiment(), targets);
    }

    @Override
    public String version() {
        return rules.version() + "+" + classifier.version() + "@" + modelWeight;
    }
}
