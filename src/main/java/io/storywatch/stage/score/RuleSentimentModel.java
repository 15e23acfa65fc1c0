package io.storywatch.stage.score;

import io.storywatch.stage.score.rules.BeliedSpeakers;
import io.storywatch.stage.score.rules.BoundCues;
import io.storywatch.stage.score.rules.ClauseScoring;
import io.storywatch.stage.score.rules.ClauseSplitting;
import io.storywatch.stage.score.rules.ClauseWeighting;
import io.storywatch.stage.score.rules.Clauses;
import io.storywatch.stage.score.rules.Cue;
import io.storywatch.stage.score.rules.FirstPersonDamping;
import io.storywatch.stage.score.rules.FunctionWords;
import io.storywatch.stage.score.rules.Indispensables;
import io.storywatch.stage.score.rules.LeadIn;
import io.storywatch.stage.score.rules.LexiconHits;
import io.storywatch.stage.score.rules.LexiconMatching;
import io.storywatch.stage.score.rules.ModifierBinding;
import io.storywatch.stage.score.rules.ReversedFortunes;
import io.storywatch.stage.score.rules.SpeakerFinding;
import io.storywatch.stage.score.rules.Speakers;
import io.storywatch.stage.score.rules.TargetTally;
import io.storywatch.stage.score.rules.Topics;
import io.storywatch.stage.score.rules.TopicTracking;
import io.storywatch.stage.score.rules.WeighedClauses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Target sentiment from the lexicon and a few rules of Chinese news syntax, as a fixed chain of small steps (in
 * {@code io.storywatch.stage.score.rules}) each turning the previous step's immutable result into the next.
 */
public final class RuleSentimentModel implements SentimentModel {

    private final SentimentLexicon lexicon;
    private final LexiconMatching lexiconMatching;
    private final ModifierBinding modifierBinding;
    private final ClauseSplitting clauseSplitting;
    private final ClauseWeighting clauseWeighting;
    private final SpeakerFinding speakerFinding;
    private final TopicTracking topicTracking;
    private final ClauseScoring clauseScoring;
    private final FirstPersonDamping firstPersonDamping;
    private final Indispensables indispensables;
    private final ReversedFortunes reversedFortunes;
    private final BeliedSpeakers beliedSpeakers;
    private final LeadIn leadIn;

    public RuleSentimentModel(SentimentLexicon lexicon, RuleWeights weights) {
        FunctionWords words = FunctionWords.loadDefault();
        this.lexicon = lexicon;
        this.lexiconMatching = new LexiconMatching(lexicon);
        this.modifierBinding = new ModifierBinding(weights, words);
        this.clauseSplitting = new ClauseSplitting(words);
        this.clauseWeighting = new ClauseWeighting(weights);
        this.speakerFinding = new SpeakerFinding();
        this.topicTracking = new TopicTracking(weights, words);
        this.clauseScoring = new ClauseScoring(weights, words);
        this.firstPersonDamping = new FirstPersonDamping(weights, words);
        this.indispensables = new Indispensables();
        this.reversedFortunes = new ReversedFortunes(weights, words);
        this.beliedSpeakers = new BeliedSpeakers(words);
        this.leadIn = new LeadIn(weights);
    }

    public RuleSentimentModel(SentimentLexicon lexicon) {
        this(lexicon, RuleWeights.DEFAULT);
    }

    @Override
    public String version() {
        return "rules-" + lexicon.version();
    }

    public SentimentLexicon lexicon() {
        return lexicon;
    }

    @Override
    public SentenceSentiment score(SentenceInput sentence) {
        SentenceAnalysis analysis = analyse(sentence);
        Map<String, Double> targets = new LinkedHashMap<>();
        analysis.targetRaw().forEach((target, raw) -> targets.put(target, Math.tanh(raw)));
        return new SentenceSentiment(Math.tanh(analysis.sentenceRaw()), targets);
    }

    /** The unsquashed sums and the role facts a trained model can use as features. */
    public record SentenceAnalysis(double sentenceRaw, Map<String, Double> targetRaw,
                                   Map<String, Set<String>> targetFacts) {
    }

    /** The steps, in the order they must run. */
    public SentenceAnalysis analyse(SentenceInput sentence) {
        LexiconHits hits = lexiconMatching.find(sentence);
        BoundCues cues = modifierBinding.bind(hits);
        Clauses clauses = clauseSplitting.split(cues);
        WeighedClauses weighed = clauseWeighting.weigh(clauses);
        Speakers speakers = speakerFinding.find(weighed);
        Topics topics = topicTracking.track(speakers);
        TargetTally tally = clauseScoring.score(topics);
        tally = firstPersonDamping.apply(tally);
        tally = indispensables.apply(tally);
        tally = reversedFortunes.apply(tally);
        tally = beliedSpeakers.apply(tally);
        tally = leadIn.apply(tally);
        Map<String, Set<String>> facts = new LinkedHashMap<>();
        tally.facts().forEach((target, set) -> facts.put(target, Set.copyOf(set)));
        return new SentenceAnalysis(tally.sentenceRaw(), tally.targetRaw(), facts);
    }

    /** The sign of every sentiment word after negation ("+", "-"), and "flipped+"/"flipped-" where it was turned. */
    public List<String> cueSigns(SentenceInput sentence) {
        List<String> signs = new ArrayList<>();
        for (Cue cue : modifierBinding.bind(lexiconMatching.find(sentence)).cues()) {
            if (cue.kind().isPolar() && cue.value() != 0) {
                String sign = cue.value() > 0 ? "+" : "-";
                signs.add(sign);
                if (Math.signum(cue.value()) != Math.signum(cue.entry().value())) {
                    signs.add("flipped" + sign);
                }
            }
        }
        return signs;
    }
}
