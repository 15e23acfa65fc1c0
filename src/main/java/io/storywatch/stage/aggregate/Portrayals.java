package io.storywatch.stage.aggregate;

import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.StanceScored;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides what of a scored article the windows count, so that the rule is stated once and testable without Kafka.
 *
 * <p>An article counts only when it is relevant to the story and not a duplicate ({@code duplicateOf} set): a
 * syndicated copy must not count twice. Within it, a faction or entity counts only when it is there: at least one
 * mention and a label other than {@code absent}. Portrayals come sorted by faction or entity id, so the windows
 * update in the same order on every replay.
 */
public final class Portrayals {

    static final String ABSENT = "absent";

    private Portrayals() {
    }

    public static boolean counts(StanceScored article) {
        return article != null && article.relevant() && article.duplicateOf() == null;
    }

    public static SortedMap<String, Portrayal> ofFactions(StanceScored article) {
        SortedMap<String, Portrayal> portrayals = new TreeMap<>();
        if (counts(article) && article.factions() != null) {
            for (Map.Entry<String, FactionScore> entry : article.factions().entrySet()) {
                FactionScore score = entry.getValue();
                if (score != null && present(score.label(), score.mentions())) {
                    portrayals.put(entry.getKey(), new Portrayal(score.score(), score.label(), score.mentions()));
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
                    portrayals.put(entry.getKey(), new Portrayal(score.score(), score.label(), score.mentions()));
                }
            }
        }
        return portrayals;
    }

    private static boolean present(String label, int mentions) {
        return mentions > 0 && !ABSENT.equals(label);
    }
}
