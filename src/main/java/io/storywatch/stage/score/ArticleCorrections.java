package io.storywatch.stage.score;

import io.storywatch.event.CorrectionMade;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies analysts' corrections to the machine's analysis of an article, so that the score stage re-emits it with
 * the right labels and the aggregate counts those: in log order, a later correction of the same subject (sentence and
 * target, or relevance) supersedes an earlier one.
 *
 * <p>A corrected target label gets the score an analyst's certainty stands for (pos 1, neg −1, neu 0); the entity
 * and faction scores are then counted again from the sentences, as the scorer counts them. A correction naming a
 * sentence or target the article does not have changes nothing and is not listed.
 */
public final class ArticleCorrections {

    private final ArticleScorer scorer;

    public ArticleCorrections(ArticleScorer scorer) {
        this.scorer = scorer;
    }

    /** The corrections in force for {@code articleId}: the latest of each subject, in the order they were made. */
    public static List<CorrectionMade> inForce(String articleId, List<CorrectionMade> log) {
        Map<String, CorrectionMade> latest = new LinkedHashMap<>();
        for (CorrectionMade correction : log) {
            if (correction != null && articleId.equals(correction.article())) {
                latest.remove(correction.subject());
                latest.put(correction.subject(), correction);
            }
        }
        return List.copyOf(latest.values());
    }

    /** The machine's analysis with the corrections of {@code log} in force applied and listed as its provenance. */
    public StanceScored apply(StanceScored machine, List<CorrectionMade> log) {
        List<CorrectionMade> inForce = inForce(machine.id(), log);
        if (inForce.isEmpty()) {
            return machine;
        }
        boolean relevant = machine.relevant();
        Map<Integer, Map<String, TargetSentiment>> labels = new TreeMap<>();
        List<CorrectionMade> applied = new ArrayList<>();
        for (CorrectionMade correction : inForce) {
            if (CorrectionMade.RELEVANCE.equals(correction.kind())) {
                relevant = CorrectionMade.RELEVANT.equals(correction.newLabel());
                applied.add(correction);
            } else if (hasTarget(machine, correction.sentence(), correction.target())
                    && scoreOf(correction.newLabel()) != null) {
                labels.computeIfAbsent(correction.sentence(), s -> new TreeMap<>()).put(correction.target(),
                        new TargetSentiment(scoreOf(correction.newLabel()), correction.newLabel()));
                applied.add(correction);
            }
        }
        if (applied.isEmpty()) {
            return machine;
        }
        List<ScoredSentence> sentences = machine.sentences().stream().map(sentence -> {
            Map<String, TargetSentiment> changed = labels.get(sentence.index());
            if (changed == null) {
                return sentence;
            }
            Map<String, TargetSentiment> targets = new TreeMap<>(sentence.targets());
            targets.putAll(changed);
            return new ScoredSentence(sentence.index(), sentence.start(), sentence.end(), sentence.text(),
                    sentence.sentiment(), targets);
        }).toList();
        StanceScored corrected = new StanceScored(machine.schemaVersion(), machine.id(), machine.title(),
                machine.publishedAt(), machine.source(), machine.url(), machine.duplicateOf(), machine.relevance(),
                relevant, machine.text(), sentences, machine.entities(), machine.unlinked(), machine.entityScores(),
                machine.factions(), machine.versions(), applied);
        return labels.isEmpty() ? corrected : scorer.rescored(corrected);
    }

    /** The score an analyst's label stands for; null for a label that is not a target label. */
    static Double scoreOf(String label) {
        return switch (label == null ? "" : label) {
            case "pos" -> 1.0;
            case "neg" -> -1.0;
            case "neu" -> 0.0;
            default -> null;
        };
    }

    private static boolean hasTarget(StanceScored article, Integer sentence, String target) {
        if (sentence == null || target == null || article.sentences() == null) {
            return false;
        }
        return article.sentences().stream().anyMatch(s -> s.index() == sentence && s.targets() != null
                && s.targets().containsKey(target));
    }
}
