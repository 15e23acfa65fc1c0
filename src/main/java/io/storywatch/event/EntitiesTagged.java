package io.storywatch.event;

import java.util.List;
import java.util.Map;

/**
 * A segmented article with its story entities, unknown names and story relevance in [0, 1]; {@code versions} adds
 * "story" to the segmenter's. Its sentences keep their tokens, which the score stage reads (who does what to whom);
 * from schema version 2 they are written in the compact form of {@link SentenceJson}.
 */
public record EntitiesTagged(int schemaVersion, String id, String title, String text, String publishedAt,
                             String source, String url, String language, String contentHash, String duplicateOf,
                             List<Sentence> sentences, List<EntityMentions> entities, List<UnlinkedName> unlinked,
                             double relevance, boolean relevant, Map<String, String> versions) {
    public static final int SCHEMA_VERSION = 2;
}
