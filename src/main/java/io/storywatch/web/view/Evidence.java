package io.storywatch.web.view;

import io.storywatch.event.EntityMentions;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.Mention;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a reader checks a score by: the articles behind a point, and the sentences of an analysis that show why it
 * reads as it does toward a target.
 */
final class Evidence {

    static final int EVIDENCE_SENTENCES_PER_ARTICLE = 3;

    private Evidence() {
    }

    /** An evidence article of a window record, as the aggregate stage chose it, and the view's digest of it. */
    record Held(ObservedArticle article, EvidenceArticle chosen) {
    }

    /**
     * The evidence articles of a window record (null: none) that the view still holds, in the stage's order
     * (strongest portrayal first), at most {@code limit}.
     */
    static List<Held> held(WindowRecord record, Function<String, ObservedArticle> articles, int limit) {
        List<Held> held = new ArrayList<>();
        if (record != null && record.evidence() != null) {
            for (EvidenceArticle chosen : record.evidence()) {
                ObservedArticle article = articles.apply(chosen.id());
                if (article != null && held.size() < limit) {
                    held.add(new Held(article, chosen));
                }
            }
        }
        return List.copyOf(held);
    }

    /**
     * One article behind a point with the sentences that drove its portrayal of the target ({@code analysis} null:
     * none, the analysis could not be read back).
     */
    static ArticleEvidence forPoint(TargetKind kind, String target, Held held, StanceScored analysis) {
        List<EvidenceSentence> sentences = analysis == null ? List.of()
                : select(analysis, targetEntities(kind, target, analysis), EVIDENCE_SENTENCES_PER_ARTICLE);
        Portrayal portrayal = Portrayal.of(kind, target, held.article());
        return new ArticleEvidence(ArticleSummary.of(held.article()), held.chosen().score(), held.chosen().label(),
                portrayal == null ? 0 : portrayal.mentions(), sentences);
    }

    /** Every sentence expressing sentiment toward (or else mentioning) any entity of the article. */
    static List<EvidenceSentence> forArticle(StanceScored article) {
        Set<String> all = new HashSet<>();
        if (article.entities() != null) {
            article.entities().forEach(entity -> all.add(entity.id()));
        }
        return select(article, all, Integer.MAX_VALUE);
    }

    /** The entity ids of an article that stand for the target: the faction's members in it, or the entity. */
    private static Set<String> targetEntities(TargetKind kind, String target, StanceScored article) {
        if (kind == TargetKind.ENTITY) {
            return Set.of(target);
        }
        Set<String> ids = new HashSet<>();
        if (article.entities() != null) {
            for (EntityMentions entity : article.entities()) {
                if (entity.factions() != null && entity.factions().contains(target)) {
                    ids.add(entity.id());
                }
            }
        }
        return ids;
    }

    /**
     * The sentences expressing sentiment toward any of the entities, strongest first up to {@code limit}, then in
     * reading order; where none carries a target score, the sentences merely mentioning them.
     */
    static List<EvidenceSentence> select(StanceScored article, Set<String> entityIds, int limit) {
        if (article.sentences() == null || entityIds.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<EvidenceSentence.Highlight>> highlights = new HashMap<>();
        Map<Integer, ScoredSentence> sentences = new HashMap<>();
        article.sentences().forEach(sentence -> sentences.put(sentence.index(), sentence));
        if (article.entities() != null) {
            for (EntityMentions entity : article.entities()) {
                if (!entityIds.contains(entity.id()) || entity.mentions() == null) {
                    continue;
                }
                for (Mention mention : entity.mentions()) {
                    ScoredSentence sentence = sentences.get(mention.sentence());
                    if (sentence != null && mention.start() >= sentence.start() && mention.end() <= sentence.end()) {
                        highlights.computeIfAbsent(sentence.index(), i -> new ArrayList<>())
                                .add(new EvidenceSentence.Highlight(mention.start() - sentence.start(),
                                        mention.end() - sentence.start(), entity.id()));
                    }
                }
            }
        }
        List<ScoredSentence> chosen = new ArrayList<>();
        for (ScoredSentence sentence : article.sentences()) {
            if (strength(sentence, entityIds) >= 0) {
                chosen.add(sentence);
            }
        }
        if (chosen.isEmpty()) {
            article.sentences().stream().filter(s -> highlights.containsKey(s.index())).forEach(chosen::add);
        }
        chosen.sort(Comparator.comparingDouble((ScoredSentence s) -> -strength(s, entityIds))
                .thenComparingInt(ScoredSentence::index));
        List<ScoredSentence> strongest = new ArrayList<>(chosen.subList(0, Math.min(limit, chosen.size())));
        strongest.sort(Comparator.comparingInt(ScoredSentence::index));
        List<EvidenceSentence> evidence = new ArrayList<>();
        for (ScoredSentence sentence : strongest) {
            Map<String, TargetSentiment> targets = new TreeMap<>();
            if (sentence.targets() != null) {
                sentence.targets().forEach((entity, sentiment) -> {
                    if (entityIds.contains(entity)) {
                        targets.put(entity, sentiment);
                    }
                });
            }
            List<EvidenceSentence.Highlight> marks = new ArrayList<>(highlights.getOrDefault(sentence.index(),
                    List.of()));
            marks.sort(Comparator.comparingInt(EvidenceSentence.Highlight::start));
            evidence.add(new EvidenceSentence(sentence.index(), sentence.start(), sentence.end(), sentence.text(),
                    sentence.sentiment(), targets, marks));
        }
        return evidence;
    }

    /** The strongest target score toward the entities in a sentence, or -1 when it scores none of them. */
    private static double strength(ScoredSentence sentence, Set<String> entityIds) {
        double strongest = -1;
        if (sentence.targets() != null) {
            for (Map.Entry<String, TargetSentiment> target : sentence.targets().entrySet()) {
                if (entityIds.contains(target.getKey()) && target.getValue() != null) {
                    strongest = Math.max(strongest, Math.abs(target.getValue().score()));
                }
            }
        }
        return strongest;
    }
}
