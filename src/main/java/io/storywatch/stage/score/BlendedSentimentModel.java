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
    private final int neu;
    private final double neutralPrior;

    public BlendedSentimentModel(RuleSentimentModel rules, LinearClassifier classifier, double modelWeight) {
        this(rules, classifier, modelWeight, 1.0);
    }

    /**
     * @param modelWeight share of the classifier in a target's score, in [0, 1]
     * @param neutralPrior how much likelier neutral mentions are in news than in the balanced training sentences;
     *                     the classifier's P(neu) is scaled by it before its score is read
     */
    public BlendedSentimentModel(RuleSentimentModel rules, LinearClassifier classifier, double modelWeight,
                                 double neutralPrior) {
        if (!"target-sentiment".equals(classifier.task())) {
            throw new IllegalArgumentException("need a target-sentiment model, got " + classifier.task());
        }
        this.rules = rules;
        this.classifier = classifier;
        this.features = new TextFeatures(rules);
        this.modelWeight = modelWeight;
        this.pos = classifier.labels().indexOf("pos");
        this.neg = classifier.labels().indexOf("neg");
        this.neu = classifier.labels().indexOf("neu");
        this.neutralPrior = neutralPrior;
    }

    @Override
    public SentenceSentiment score(SentenceInput sentence) {
        RuleSentimentModel.SentenceAnalysis analysis = rules.analyse(sentence);
        Map<String, Double> targets = new LinkedHashMap<>();
        TextFeatures.PreparedSentence prepared = analysis.targetRaw().isEmpty() ? null : features.prepare(sentence);
        analysis.targetRaw().forEach((target, raw) -> {
            double ruleScore = Math.tanh(raw);
            double[] p = classifier.probabilities(features.targetSentiment(prepared, target, analysis));
            if (neu >= 0 && neutralPrior != 1.0) {
                double sum = 0;
                p[neu] *= neutralPrior;
                for (double v : p) {
                    sum += v;
                }
                for (int k = 0; k < p.length; k++) {
                    p[k] /= sum;
                }
            }
            double modelScore = (pos >= 0 ? p[pos] : 0) - (neg >= 0 ? p[neg] : 0);
            targets.put(target, (1 - modelWeight) * ruleScore + modelWeight * modelScore);
        });
        return new SentenceSentiment(Math.tanh(analysis.sentenceRaw()), targets);
    }

    @Override
    public String version() {
        return rules.version() + "+" + classifier.version() + "@" + modelWeight + "/" + neutralPrior;
    }
}
