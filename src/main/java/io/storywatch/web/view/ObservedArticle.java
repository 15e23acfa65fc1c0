package io.storywatch.web.view;

import io.storywatch.event.EntityScore;
import io.storywatch.event.FactionScore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A scored article as the view keeps it: the few fields its lists, filters and series read, its event time
 * ({@code publishedAt}, else the record timestamp) and where its record lies, but not the analysis itself (text,
 * sentences, mentions), which is read back from the topic when a query shows it.
 *
 * @param location the record on news.articles.scored, or null for an analysis applied directly (kept whole)
 * @param corrections how many analysts' corrections are in force in it
 */
public record ObservedArticle(String id, String title, String source, String url, String publishedAt,
                              Instant eventTime, boolean relevant, double relevance, String duplicateOf,
                              Map<String, FactionScore> factions, Map<String, EntityScore> entityScores,
                              List<String> entities, ScoredLocation location, int corrections) {

    /**
     * The digest's fields; {@code canonical} returns one shared instance of a recurring string (entity ids,
     * faction names, labels, sources), so that thousands of articles do not each hold their own copies.
     */
    static ObservedArticle of(ScoredDigest digest, long recordTimestamp, ScoredLocation location,
                              UnaryOperator<String> canonical) {
        Set<String> entities = new LinkedHashSet<>();
        if (digest.entities() != null) {
            digest.entities().forEach(entity -> entities.add(canonical.apply(entity.id())));
        }
        Map<String, FactionScore> factions = new HashMap<>();
        if (digest.factions() != null) {
            digest.factions().forEach((faction, s) -> factions.put(canonical.apply(faction),
                    s == null ? null : new FactionScore(s.score(), canonical.apply(s.label()), s.mentions())));
        }
        Map<String, EntityScore> scores = new HashMap<>();
        if (digest.entityScores() != null) {
            digest.entityScores().forEach((entity, s) -> scores.put(canonical.apply(entity),
                    s == null ? null : new EntityScore(s.score(), canonical.apply(s.label()), s.mentions())));
        }
        factions.values().removeIf(java.util.Objects::isNull);
        scores.values().removeIf(java.util.Objects::isNull);
        return new ObservedArticle(digest.id(), digest.title(), canonical.apply(digest.source()), digest.url(),
                digest.publishedAt(), eventTimeOf(digest.publishedAt(), recordTimestamp), digest.relevant(),
                digest.relevance(), digest.duplicateOf(), Map.copyOf(factions), Map.copyOf(scores),
                List.copyOf(entities), location, digest.corrections() == null ? 0 : digest.corrections().size());
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
        return relevant && duplicateOf == null;
    }

    /** This article's portrayal of a faction, or null when it does not count or the faction is absent. */
    FactionScore faction(String faction) {
        if (!counts()) {
            return null;
        }
        FactionScore score = factions.get(faction);
        return score != null && present(score.label(), score.mentions()) ? score : null;
    }

    /** This article's portrayal of an entity, or null when it does not count or the entity is absent. */
    EntityScore entity(String entity) {
        if (!counts()) {
            return null;
        }
        EntityScore score = entityScores.get(entity);
        return score != null && present(score.label(), score.mentions()) ? score : null;
    }

    static boolean present(String label, int mentions) {
        return mentions > 0 && !"absent".equals(label);
    }
}
