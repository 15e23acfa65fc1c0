package io.storywatch.stage.aggregate;

import io.storywatch.event.EntityMentions;
import io.storywatch.event.EntityScore;
import io.storywatch.event.EvidenceSentence;
import io.storywatch.event.FactionScore;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.TargetSentiment;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides what of a scored article the windows count, so that the rule is stated once and testable without Kafka.
 *
 * <p>An article counts only when it is relevant to the story and not a duplicate ({@code duplicateOf} set): a
 * syndicated copy must not count twice (it adds to its original's reach instead). Within it, a faction or entity
 * counts only when it is there: at least one mention and a label other than {@code absent}. Portrayals come sorted by
 * faction or entity id, so the windows update in the same order on every replay.
 *
 * <p>The evidence sentence of a portrayal is the sentence whose target score toward the entity (for a faction: toward
 * any of the article's entities in that faction) is largest in absolute value among those with the same sign as the
 * article's score (any sign when that score is 0 or no sentence agrees); ties go to the earlier sentence, then the
 * smaller entity id. Its text is cut to {@value #MAX_SENTENCE_CHARS} characters; start and end stay exact.
 */
public final class Portrayals {

    static final String ABSENT = "absent";
    static final int MAX_SENTENCE_CHARS = 300;

    private Portrayals() {
    }

    public static boolean counts(StanceScored article) {
        return article != null && article.relevant() && article.duplicateOf() == null;
    }

    /**
     * The slim form of an article the windows work from; a copy carries no portrayals of its own, and an article an
     * analyst corrected to irrelevant is withdrawn.
     */
    public static Contribution contribution(StanceScored article) {
        return new Contribution(article.id(), article.title(), article.source(), article.publishedAt(),
                article.duplicateOf(), ofFactions(article), ofEntities(article), 0, !article.relevant());
    }

    public static SortedMap<String, Portrayal> ofFactions(StanceScored article) {
        SortedMap<String, Portrayal> portrayals = new TreeMap<>();
        if (counts(article) && article.factions() != null) {
            for (Map.Entry<String, FactionScore> entry : article.factions().entrySet()) {
                FactionScore score = entry.getValue();
                if (score != null && present(score.label(), score.mentions())) {
                    Set<String> members = members(article, entry.getKey());
                    portrayals.put(entry.getKey(), new Portrayal(score.score(), score.label(), score.mentions(),
                            evidenceSentence(article, members, score.score())));
                }
            }
        }
        return portrayals;
    }

    public static SortedMap<String, Portrayal> ofEntities(StanceScored article) {
        SortedMap<String, Portrayal> portrayals = new TreeMap<>();
        if (counts(article) && article.entityScores() != null) {
            for (Map.Entry<String, EntityScore> entry : article.entityScores().entrySet()) {
                EntityScore score = entry.getValue();
                if (score != null && present(score.label(), score.mentions())) {
                    portrayals.put(entry.getKey(), new Portrayal(score.score(), score.label(), score.mentions(),
                            evidenceSentence(article, Set.of(entry.getKey()), score.score())));
                }
            }
        }
        return portrayals;
    }

    /** The sentence that best explains an article score toward a set of entities; null when none scores them. */
    static EvidenceSentence evidenceSentence(StanceScored article, Set<String> targets, double articleScore) {
        if (article.sentences() == null || targets.isEmpty()) {
            return null;
        }
        EvidenceSentence agreeing = null;
        EvidenceSentence any = null;
        for (ScoredSentence sentence : article.sentences()) {
            if (sentence == null || sentence.targets() == null) {
                continue;
            }
            for (String target : new TreeSet<>(sentence.targets().keySet())) {
                TargetSentiment sentiment = sentence.targets().get(target);
                if (!targets.contains(target) || sentiment == null) {
                    continue;
                }
                EvidenceSentence candidate = new EvidenceSentence(sentence.index(), sentence.start(), sentence.end(),
                        cut(sentence.text()), target, sentiment.score());
                if (stronger(candidate, any)) {
                    any = candidate;
                }
                if (Math.signum(sentiment.score()) == Math.signum(articleScore) && stronger(candidate, agreeing)) {
                    agreeing = candidate;
                }
            }
        }
        return agreeing != null ? agreeing : any;
    }

    /** Sentences are visited in order, targets sorted: a tie keeps the earlier one. */
    private static boolean stronger(EvidenceSentence candidate, EvidenceSentence best) {
        return best == null || Math.abs(candidate.score()) > Math.abs(best.score());
    }

    private static Set<String> members(StanceScored article, String faction) {
        Set<String> members = new TreeSet<>();
        if (article.entities() != null) {
            for (EntityMentions entity : article.entities()) {
                if (entity != null && entity.factions() != null && entity.factions().contains(faction)) {
                    members.add(entity.id());
                }
            }
        }
        return members;
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_SENTENCE_CHARS) {
            return text;
        }
        int end = MAX_SENTENCE_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static boolean present(String label, int mentions) {
        return mentions > 0 && !ABSENT.equals(label);
    }
}
