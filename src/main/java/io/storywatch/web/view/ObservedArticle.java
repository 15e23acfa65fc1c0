package io.storywatch.web.view;

import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import io.storywatch.event.StanceScored;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A scored article as the view keeps it: the analysis object plus its event time ({@code publishedAt}, else the
 * record timestamp), the time every window and filter uses.
 */
public record ObservedArticle(StanceScored analysis, Instant eventTime) {

    public static ObservedArticle of(StanceScored analysis, long recordTimestamp) {
        return new ObservedArticle(analysis, eventTimeOf(analysis.publishedAt(), recordTimestamp));
    }

    static Instant eventTimeOf(String publishedAt, long recordTimestamp) {
        if (publishedAt != null && !publishedAt.isBlank()) {
            String text = publishedAt.strip();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException notInstant) {
                    try {
                        return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException ignored) {
                        // falls back to the record time, as the aggregate stage does
                    }
                }
            }
        }
        return Instant.ofEpochMilli(recordTimestamp);
    }

    /** As in the aggregate stage: only relevant originals count; syndicated copies are reach, not new voices. */
    public boolean counts() {
        return analysis.relevant() && analysis.duplicateOf() == null;
    }

    /** This article's portrayal of a faction, or null when it does not count or the faction is absent. */
    FactionScore faction(String faction) {
        if (!counts() || analysis.factions() == null) {
            return null;
        }
        FactionScore score = analysis.factions().get(faction);
        return score != null && present(score.label(), score.mentions()) ? score : null;
    }

    /** This article's portrayal of an entity, or null when it does not count or the entity is absent. */
    EntityScore entity(String entity) {
        if (!counts() || analysis.entityScores() == null) {
            return null;
        }
        EntityScore score = analysis.entityScores().get(entity);
        return score != null && present(score.label(), score.mentions()) ? score : null;
    }

    static boolean present(String label, int mentions) {
        return mentions > 0 && !"absent".equals(label);
    }
}
