package io.storywatch.stage.score;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.Mention;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.Sentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import io.storywatch.event.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Turns a tagged article into the analysis object: every sentence and every entity mentioned in it scored by one
 * {@link SentimentModel}, then per-entity and per-faction article scores from those target scores.
 */
public final class ArticleScorer {

    private static final String PERSONAL_PRONOUNS = "他她";
    /** 后者, "the latter": the last one named before it, person or organisation. */
    private static final String LATTER = "后者";
    private static final double PRONOUN_CONFIDENCE = 0.7;

    private final SentimentModel model;
    private final List<String> factions;
    private final Labelling labelling;
    private final Set<String> speechVerbs;

    /**
     * @param factions every faction of the story, so a faction with no member in an article is reported absent
     * @param speechVerbs the verbs of saying: a pronoun after "X表示" is not taken for X
     */
    public ArticleScorer(SentimentModel model, List<String> factions, Labelling labelling, Set<String> speechVerbs) {
        this.model = model;
        this.factions = List.copyOf(factions);
        this.labelling = labelling;
        this.speechVerbs = Set.copyOf(speechVerbs);
    }

    /** With the verbs of saying of the shipped lexicon, the ones the rules read. */
    public ArticleScorer(SentimentModel model, List<String> factions, Labelling labelling) {
        this(model, factions, labelling, SentimentLexicon.loadDefault().wordsOf(CueKind.SPEECH));
    }

    public ArticleScorer(SentimentModel model, List<String> factions) {
        this(model, factions, Labelling.DEFAULT);
    }

    public String version() {
        return model.version();
    }

    /** How many stream threads the score stage runs this scorer on (see {@link SentimentModel#streamThreads}). */
    public int streamThreads() {
        return model.streamThreads();
    }

    public StanceScored score(EntitiesTagged article) {
        Map<Integer, List<TargetSpan>> spansBySentence = new HashMap<>();
        Map<Integer, Sentence> sentencesByIndex = new HashMap<>();
        for (Sentence sentence : article.sentences()) {
            sentencesByIndex.put(sentence.index(), sentence);
        }
        for (EntityMentions entity : article.entities()) {
            for (Mention mention : entity.mentions()) {
                Sentence sentence = sentencesByIndex.get(mention.sentence());
                if (sentence == null) {
                    continue;
                }
                spansBySentence.computeIfAbsent(mention.sentence(), k -> new ArrayList<>()).add(new TargetSpan(
                        entity.id(), mention.start() - sentence.start(), mention.end() - sentence.start(),
                        mention.implicit(), mention.confidence()));
            }
        }

        Map<String, String> types = new HashMap<>();
        article.entities().forEach(e -> types.put(e.id(), e.type()));

        List<SentenceInput> inputs = new ArrayList<>(article.sentences().size());
        for (Sentence sentence : article.sentences()) {
            List<TargetSpan> spans = spansBySentence.getOrDefault(sentence.index(), List.of());
            List<Token> tokens = sentence.tokens() == null ? List.of() : sentence.tokens().stream()
                    .map(t -> new Token(t.word(), t.pos(), t.start() - sentence.start(), t.end() - sentence.start()))
                    .toList();
            inputs.add(new SentenceInput(sentence.text(), tokens,
                    withPronounsOfNamedPeople(spans, tokens, types, speechVerbs)));
        }
        List<SentenceSentiment> sentiments = model.scoreAll(inputs);

        List<ScoredSentence> scored = new ArrayList<>();
        Map<Integer, Map<String, TargetSentiment>> targetsBySentence = new HashMap<>();
        for (int s = 0; s < article.sentences().size(); s++) {
            Sentence sentence = article.sentences().get(s);
            SentenceSentiment sentiment = sentiments.get(s);
            Map<String, TargetSentiment> targets = new TreeMap<>();
            sentiment.targets().forEach((id, score) -> {
                double rounded = round(score);
                targets.put(id, new TargetSentiment(rounded, labelling.label(rounded)));
            });
            targetsBySentence.put(sentence.index(), targets);
            scored.add(new ScoredSentence(sentence.index(), sentence.start(), sentence.end(), sentence.text(),
                    round(sentiment.sentiment()), targets));
        }

        Map<String, EntityScore> entityScores = entityScores(article.entities(), targetsBySentence);
        Map<String, FactionScore> factionScores = factionScores(article.entities(), targetsBySentence,
                headline(article.title(), article.sentences().stream().map(Sentence::start).toList(),
                        article.sentences().stream().map(Sentence::index).toList()), index -> true);

        Map<String, String> versions = new TreeMap<>(article.versions() == null ? Map.of() : article.versions());
        versions.put("sentiment", model.version());
        return new StanceScored(StanceScored.SCHEMA_VERSION, article.id(), article.title(), article.publishedAt(),
                article.source(), article.url(), article.duplicateOf(), article.relevance(), article.relevant(),
                article.text(), scored, article.entities(), article.unlinked(), entityScores, factionScores,
                versions);
    }

    /**
     * The article with its entity and faction scores counted again from its sentences' target labels and scores, as
     * {@link #score} counts them: what an analyst's correction of a target label changes.
     */
    public StanceScored rescored(StanceScored scored) {
        Map<Integer, Map<String, TargetSentiment>> targetsBySentence = new HashMap<>();
        for (ScoredSentence sentence : scored.sentences()) {
            targetsBySentence.put(sentence.index(), sentence.targets() == null ? Map.of() : sentence.targets());
        }
        return new StanceScored(scored.schemaVersion(), scored.id(), scored.title(), scored.publishedAt(),
                scored.source(), scored.url(), scored.duplicateOf(), scored.relevance(), scored.relevant(),
                scored.text(), scored.sentences(), scored.entities(), scored.unlinked(),
                entityScores(scored.entities(), targetsBySentence), factionScores(scored, index -> true),
                scored.versions(), scored.corrections());
    }

    /** Each entity's article score: the confidence-weighted mean of its target scores in the sentences naming it. */
    private Map<String, EntityScore> entityScores(List<EntityMentions> entities,
                                                  Map<Integer, Map<String, TargetSentiment>> targetsBySentence) {
        Map<String, EntityScore> entityScores = new TreeMap<>();
        for (EntityMentions entity : entities) {
            double weighted = 0;
            double weights = 0;
            for (Mention mention : entity.mentions()) {
                TargetSentiment target = targetsBySentence.getOrDefault(mention.sentence(), Map.of()).get(entity.id());
                if (target == null) {
                    continue;
                }
                weighted += mention.confidence() * target.score();
                weights += mention.confidence();
            }
            double score = weights > 0 ? round(weighted / weights) : 0;
            entityScores.put(entity.id(), new EntityScore(score, labelling.label(score), entity.mentions().size()));
        }
        return entityScores;
    }

    /**
     * Faction scores over only some of an article's sentences, e.g. the ones a reader was shown; the same counting
     * as {@link #score}, which uses every sentence.
     */
    public Map<String, FactionScore> factionScores(StanceScored scored, IntPredicate sentenceIncluded) {
        Map<Integer, Map<String, TargetSentiment>> targetsBySentence = new HashMap<>();
        for (ScoredSentence sentence : scored.sentences()) {
            targetsBySentence.put(sentence.index(), sentence.targets());
        }
        return factionScores(scored.entities(), targetsBySentence,
                headline(scored.title(), scored.sentences().stream().map(ScoredSentence::start).toList(),
                        scored.sentences().stream().map(ScoredSentence::index).toList()), sentenceIncluded);
    }

    /**
     * Adds a span for each 他/她 that follows a person named earlier in the same sentence, for the nearest such
     * person, and for each 后者 ("the latter"), for the last one named before it: the tagger reports one mention per
     * person and sentence, but "感谢阿莫迪，没有他，这个团队早就散了" needs to know where else the sentence speaks of him.
     */
    static List<TargetSpan> withPronounsOfNamedPeople(List<TargetSpan> spans, List<Token> tokens,
                                                      Map<String, String> types, Set<String> speechVerbs) {
        List<TargetSpan> result = null;
        for (Token token : tokens) {
            String word = token.word();
            boolean latter = word.equals(LATTER);
            if (!latter && (word.length() != 1 || PERSONAL_PRONOUNS.indexOf(word.charAt(0)) < 0)) {
                continue;
            }
            TargetSpan nearest = null;
            boolean covered = false;
            for (TargetSpan span : spans) {
                covered |= span.start() == token.start();
                if (!span.implicit() && span.end() <= token.start()
                        && (latter || "person".equals(types.get(span.target())))
                        && (nearest == null || span.start() > nearest.start())) {
                    nearest = span;
                }
            }
            if (nearest != null && !covered
                    && (latter || !reportsSpeech(tokens, nearest.end(), token.start(), speechVerbs))) {
                if (result == null) {
                    result = new ArrayList<>(spans);
                }
                result.add(new TargetSpan(nearest.target(), token.start(), token.end(), true, PRONOUN_CONFIDENCE));
            }
        }
        return result == null ? spans : result;
    }

    /** Whether a verb of saying stands between a name and a pronoun: "马斯克表示，他的前公司…" is his own word. */
    private static boolean reportsSpeech(List<Token> tokens, int from, int to, Set<String> speechVerbs) {
        for (Token token : tokens) {
            if (token.start() >= from && token.end() <= to && speechVerbs.contains(token.word())) {
                return true;
            }
        }
        return false;
    }

    /** Indexes of the sentences that lie in the headline, which the article text begins with. */
    private static Set<Integer> headline(String title, List<Integer> starts, List<Integer> indexes) {
        int length = title == null ? 0 : title.length();
        Set<Integer> headline = new HashSet<>();
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) < length) {
                headline.add(indexes.get(i));
            }
        }
        return headline;
    }

    private Map<String, FactionScore> factionScores(List<EntityMentions> entities,
                                                    Map<Integer, Map<String, TargetSentiment>> targetsBySentence,
                                                    Set<Integer> headline, IntPredicate sentenceIncluded) {
        int articleSentences = (int) targetsBySentence.keySet().stream().filter(sentenceIncluded::test).count();
        Map<String, FactionTally> tallies = new LinkedHashMap<>();
        factions.forEach(f -> tallies.put(f, new FactionTally()));
        for (EntityMentions entity : entities) {
            Map<Integer, Double> confidenceBySentence = new HashMap<>();
            int mentions = 0;
            for (Mention mention : entity.mentions()) {
                if (!sentenceIncluded.test(mention.sentence())) {
                    continue;
                }
                mentions++;
                if (targetsBySentence.getOrDefault(mention.sentence(), Map.of()).containsKey(entity.id())) {
                    confidenceBySentence.merge(mention.sentence(), mention.confidence(), Math::max);
                }
            }
            for (String faction : entity.factions() == null ? List.<String>of() : entity.factions()) {
                FactionTally tally = tallies.computeIfAbsent(faction, f -> new FactionTally());
                tally.mentions += mentions;
                confidenceBySentence.forEach((sentence, confidence) -> tally.add(
                        targetsBySentence.get(sentence).get(entity.id()), confidence, sentence,
                        headline.contains(sentence), labelling.headlineWeight()));
            }
        }
        Map<String, FactionScore> factionScores = new TreeMap<>();
        tallies.forEach((faction, tally) -> factionScores.put(faction, tally.toScore(labelling, articleSentences)));
        return factionScores;
    }

    private static double round(double value) {
        return Math.round(Math.max(-1, Math.min(1, value)) * 1000) / 1000.0;
    }

    /** Confidence-weighted counts of one faction's target labels in one article, and where they lie. */
    private static final class FactionTally {
        int mentions;
        double weight;
        double weightedScore;
        double pos;
        double neg;
        final Set<Integer> sentences = new HashSet<>();
        boolean inHeadline;

        void add(TargetSentiment target, double confidence, int sentence, boolean headline, double headlineWeight) {
            if (headline && !target.label().equals("neu")) {
                confidence *= headlineWeight;
            }
            weight += confidence;
            weightedScore += confidence * target.score();
            sentences.add(sentence);
            inHeadline |= headline;
            if (target.label().equals("pos")) {
                pos += confidence;
            } else if (target.label().equals("neg")) {
                neg += confidence;
            }
        }

        FactionScore toScore(Labelling labelling, int articleSentences) {
            if (mentions == 0 || weight == 0) {
                return new FactionScore(0, "absent", mentions);
            }
            return new FactionScore(round(weightedScore / weight), labelling.factionLabel(weight, pos, neg,
                    sentences.size(), articleSentences, inHeadline), mentions);
        }
    }
}
