package io.storywatch.event;

import java.util.List;
import java.util.Map;

/**
 * The per-article analysis object: the value of news.articles.scored and the output of {@code analyze}.
 * Offsets index {@code text}; {@code versions} names segmenter, story and sentiment model; {@code corrections}, when
 * present, are the analysts' corrections in force, already applied to the labels and scores (their provenance).
 */
public record StanceScored(int schemaVersion, String id, String title, String publishedAt, String source,
                           String url, String duplicateOf, double relevance, boolean relevant, String text,
                           List<ScoredSentence> sentences, List<EntityMentions> entities,
                           List<UnlinkedName> unlinked, Map<String, EntityScore> entityScores,
                           Map<String, FactionScore> factions, Map<String, String> versions,
                           List<CorrectionMade> corrections) {
    public static final int SCHEMA_VERSION = 1;

    /** As the score stage writes it: no analyst has corrected it. */
    public StanceScored(int schemaVersion, String id, String title, String publishedAt, String source, String url,
                        String duplicateOf, double relevance, boolean relevant, String text,
                        List<ScoredSentence> sentences, List<EntityMentions> entities, List<UnlinkedName> unlinked,
                        Map<String, EntityScore> entityScores, Map<String, FactionScore> factions,
                        Map<String, String> versions) {
        this(schemaVersion, id, title, publishedAt, source, url, duplicateOf, relevance, relevant, text, sentences,
                entities, unlinked, entityScores, factions, versions, null);
    }

    /** Whether an analyst corrected a label of it (the corrections in force are in {@code corrections}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean corrected() {
        return corrections != null && !corrections.isEmpty();
    }
}
