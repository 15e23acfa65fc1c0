package io.storywatch.web.view;

import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.Mention;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes analysis objects for tests the way the score stage shapes them: text is title + newline + sentences,
 * every offset indexes it, mentions are found by their surface form, entity and faction scores are the means of
 * the sentence target scores.
 */
public final class ScoredArticleBuilder {

    /** The default story's faction members that tests use, with the name form they are written under. */
    private static final Map<String, String[]> ENTITIES = Map.of(
            "sam-altman", new String[]{"person", "acceleration", "奥特曼"},
            "greg-brockman", new String[]{"person", "acceleration", "布罗克曼"},
            "ilya-sutskever", new String[]{"person", "safety", "苏茨克维"},
            "jan-leike", new String[]{"person", "safety", "雷克"},
            "anthropic", new String[]{"organization", "safety", "Anthropic"},
            "openai", new String[]{"organization", "", "OpenAI"},
            "elon-musk", new String[]{"person", "", "马斯克"});

    private final String id;
    private String title = "标题";
    private String publishedAt;
    private String source = "硅谷观察";
    private String duplicateOf;
    private boolean relevant = true;
    private final List<String> sentenceTexts = new ArrayList<>();
    private final List<Map<String, Double>> sentenceTargets = new ArrayList<>();

    private ScoredArticleBuilder(String id) {
        this.id = id;
    }

    public static ScoredArticleBuilder article(String id) {
        return new ScoredArticleBuilder(id);
    }

    public static String surface(String entity) {
        return ENTITIES.get(entity)[2];
    }

    public ScoredArticleBuilder title(String title) {
        this.title = title;
        return this;
    }

    public ScoredArticleBuilder publishedAt(String publishedAt) {
        this.publishedAt = publishedAt;
        return this;
    }

    public ScoredArticleBuilder source(String source) {
        this.source = source;
        return this;
    }

    public ScoredArticleBuilder duplicateOf(String original) {
        this.duplicateOf = original;
        return this;
    }

    public ScoredArticleBuilder irrelevant() {
        this.relevant = false;
        return this;
    }

    /** A sentence whose text names each target by its surface form, with that target's score. */
    public ScoredArticleBuilder sentence(String text, Map<String, Double> targets) {
        for (String entity : targets.keySet()) {
            if (!text.contains(surface(entity))) {
                throw new IllegalArgumentException(text + " does not name " + entity);
            }
        }
        sentenceTexts.add(text);
        sentenceTargets.add(new TreeMap<>(targets));
        return this;
    }

    public StanceScored build() {
        StringBuilder text = new StringBuilder(title).append('\n');
        List<ScoredSentence> sentences = new ArrayList<>();
        Map<String, List<Mention>> mentions = new TreeMap<>();
        Map<String, List<Double>> entityScores = new TreeMap<>();
        for (int i = 0; i < sentenceTexts.size(); i++) {
            String sentence = sentenceTexts.get(i);
            int start = text.length();
            text.append(sentence);
            Map<String, TargetSentiment> targets = new TreeMap<>();
            for (Map.Entry<String, Double> target : sentenceTargets.get(i).entrySet()) {
                String entity = target.getKey();
                int at = sentence.indexOf(surface(entity));
                mentions.computeIfAbsent(entity, e -> new ArrayList<>())
                        .add(Mention.named(start + at, start + at + surface(entity).length(), surface(entity), i));
                targets.put(entity, new TargetSentiment(target.getValue(), label(target.getValue())));
                entityScores.computeIfAbsent(entity, e -> new ArrayList<>()).add(target.getValue());
            }
            double sentiment = targets.values().stream().mapToDouble(TargetSentiment::score).average().orElse(0);
            sentences.add(new ScoredSentence(i, start, text.length(), sentence, sentiment, targets));
        }
        List<EntityMentions> entities = new ArrayList<>();
        Map<String, EntityScore> scores = new TreeMap<>();
        Map<String, List<Double>> factionScores = new TreeMap<>();
        Map<String, Integer> factionMentions = new TreeMap<>();
        mentions.forEach((entity, list) -> {
            String[] info = ENTITIES.get(entity);
            List<String> factions = info[1].isEmpty() ? List.of() : List.of(info[1]);
            entities.add(new EntityMentions(entity, info[0], factions, list));
            double mean = entityScores.get(entity).stream().mapToDouble(Double::doubleValue).average().orElse(0);
            scores.put(entity, new EntityScore(mean, label(mean), list.size()));
            for (String faction : factions) {
                factionScores.computeIfAbsent(faction, f -> new ArrayList<>()).addAll(entityScores.get(entity));
                factionMentions.merge(faction, list.size(), Integer::sum);
            }
        });
        Map<String, FactionScore> factions = new LinkedHashMap<>();
        for (String faction : List.of("acceleration", "safety")) {
            List<Double> list = factionScores.get(faction);
            if (list == null) {
                factions.put(faction, new FactionScore(0, "absent", 0));
            } else {
                double mean = list.stream().mapToDouble(Double::doubleValue).average().orElse(0);
                factions.put(faction, new FactionScore(mean, label(mean), factionMentions.get(faction)));
            }
        }
        return new StanceScored(StanceScored.SCHEMA_VERSION, id, title, publishedAt, source,
                "https://news.example.com/" + id, duplicateOf, relevant ? 0.9 : 0.1, relevant, text.toString(),
                sentences, entities, List.of(), scores, factions,
                Map.of("segmenter", "test", "story", "test", "sentiment", "test"));
    }

    static String label(double score) {
        return score > 0.15 ? "pos" : score < -0.15 ? "neg" : "neu";
    }
}
