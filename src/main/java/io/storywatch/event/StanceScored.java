package io.storywatch.event;

import java.util.List;
import java.util.Map;

/**
 * The per-article analysis object: the value of news.articles.scored and the output of {@code analyze}.
 * Offsets index {@code text}; {@code versions} names segmenter, story and sentiment model.
 */
public record StanceScored(int schemaVersion, String id, String title, String publishedAt, String source,
                           String url, String duplicateOf, double relevance, boolean relevant, String text,
                           List<ScoredSentence> sentences, List<EntityMentions> entities,
                           List<UnlinkedName> unlinked, Map<String, EntityScore> entityScores,
                           Map<String, FactionScore> factions, Map<String, String> versions) {
    public static final int SCHEMA_VERSION = 1;
}
