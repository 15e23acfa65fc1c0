package io.storywatch.stage.score.encoder;

import io.storywatch.stage.score.RuleSentimentModel;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.SentenceSentiment;
import io.storywatch.stage.score.SentimentModel;
import io.storywatch.stage.score.TargetSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Target sentiment from a pretrained encoder and a trained head: each sentence that holds a target is encoded once,
 * each target's tokens and their surroundings are pooled, and the head reads them with the lexicon rules' signals.
 * A target's score is P(pos) - P(neg); the sentence's overall score stays the rules'.
 */
public final class EncoderSentimentModel implements SentimentModel {


    private final RuleSentimentModel rules;
    private final SentenceEncoder encoder;
    private final MlpHead head;
    private final int pos;
    private final int neg;

    public EncoderSentimentModel(RuleSentimentModel rules, SentenceEncoder encoder, MlpHead head) {
        if (!head.encoder().equals(encoder.version())) {
            throw new IllegalArgumentException("head " + head.version() + " was trained on encoder " + head.encoder()
                    + ", not " + encoder.version());
        }
        this.rules = rules;
        this.encoder = encoder;
        this.head = head;
        this.pos = head.labels().indexOf("pos");
        this.neg = head.labels().indexOf("neg");
    }

    @Override
    public SentenceSentiment score(SentenceInput sentence) {
        return scoreAll(List.of(sentence)).get(0);
    }

    @Override
    public List<SentenceSentiment> scoreAll(List<SentenceInput> sentences) {
        List<Map<String, float[]>> features = new ArrayList<>();
        List<RuleSentimentModel.SentenceAnalysis> analyses = targetFeatures(sentences, head.facts(), features);
        List<float[]> vectors = new ArrayList<>();
        features.forEach(byTarget -> vectors.addAll(byTarget.values()));
        List<double[]> probabilities = head.probabilitiesOf(vectors);
        List<SentenceSentiment> out = new ArrayList<>(sentences.size());
        int next = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Map<String, Double> targets = new LinkedHashMap<>();
            for (String target : features.get(s).keySet()) {
                double[] p = probabilities.get(next++);
                targets.put(target, (pos >= 0 ? p[pos] : 0) - (neg >= 0 ? p[neg] : 0));
            }
            out.add(new SentenceSentiment(Math.tanh(analyses.get(s).sentenceRaw()), targets));
        }
        return out;
    }

    /**
     * The head's input for every target of every sentence, encoding each distinct text that holds a target once;
     * fills {@code features} (one map per sentence, target → vector) and returns the rules' analyses.
     */
    public List<RuleSentimentModel.SentenceAnalysis> targetFeatures(List<SentenceInput> sentences,
                                                                      List<String> factNames,
                                                                      List<Map<String, float[]>> features) {
        return targetFeatures(rules, encoder, sentences, factNames, head.masksNames(), head.attention(), features,
                null);
    }

    /**
     * As above for a head that reads names masked or not and has a learned attention or none; also fills
     * {@code windows} (when not null) with each target's {@link TargetWindow}, for training an attention.
     */
    static List<RuleSentimentModel.SentenceAnalysis> targetFeatures(RuleSentimentModel rules, SentenceEncoder encoder,
                                                                      List<SentenceInput> sentences,
                                                                      List<String> factNames, boolean maskNames,
                                                                      TargetAttention attention,
                                                                      List<Map<String, float[]>> features,
                                                                      List<Map<String, TargetWindow>> windows) {
        List<RuleSentimentModel.SentenceAnalysis> analyses = new ArrayList<>(sentences.size());
        Map<String, Integer> textIndex = new LinkedHashMap<>();
        List<TokenizedText> toEncode = new ArrayList<>();
        List<Map<String, TargetText>> viewsBySentence = new ArrayList<>();
        for (SentenceInput sentence : sentences) {
            analyses.add(rules.analyse(sentence));
            Map<String, TargetText> views = new LinkedHashMap<>();
            for (String target : targetsOf(sentence)) {
                TargetText view = TargetText.of(sentence, target, encoder.tokenizer(), encoder.maxTokens(),
                        maskNames);
                views.put(target, view);
                textIndex.computeIfAbsent(view.tokens().text(), t -> {
                    toEncode.add(view.tokens());
                    return toEncode.size() - 1;
                });
            }
            viewsBySentence.add(views);
        }
        List<EncodedText> encoded = encoder.encode(toEncode);
        for (int s = 0; s < sentences.size(); s++) {
            SentenceInput sentence = sentences.get(s);
            RuleSentimentModel.SentenceAnalysis analysis = analyses.get(s);
            Map<String, float[]> vectors = new LinkedHashMap<>();
            Map<String, TargetWindow> targetWindows = new LinkedHashMap<>();
            Map<String, TargetText> views = viewsBySentence.get(s);
            views.forEach((target, view) -> {
                boolean implicit = sentence.targets().stream().filter(span -> span.target().equals(target))
                        .allMatch(TargetSpan::implicit);
                TargetFeatures.RuleSignals signals = new TargetFeatures.RuleSignals(
                        analysis.targetRaw().getOrDefault(target, 0.0), analysis.sentenceRaw(),
                        analysis.targetFacts().getOrDefault(target, Set.of()), implicit, views.size());
                EncodedText text = encoded.get(textIndex.get(view.tokens().text()));
                vectors.put(target, TargetFeatures.of(text, view.spans(), signals, factNames, attention));
                if (windows != null) {
                    targetWindows.put(target, TargetWindow.of(text, view.spans()));
                }
            });
            features.add(vectors);
            if (windows != null) {
                windows.add(targetWindows);
            }
        }
        return analyses;
    }

    private static Set<String> targetsOf(SentenceInput sentence) {
        Set<String> targets = new LinkedHashSet<>();
        sentence.targets().forEach(span -> targets.add(span.target()));
        return targets;
    }

    @Override
    public int streamThreads() {
        // the encoder is most of the pipeline's CPU (60-70 ms per article): one score thread left the second core
        // idle between its articles; two took the benchmark's burst from 18.1 to 23.0 articles/s
        // (docs/benchmark-results.md, eighth session)
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public String version() {
        return rules.version() + "+" + encoder.version() + "+" + head.version();
    }

    public MlpHead head() {
        return head;
    }
}
