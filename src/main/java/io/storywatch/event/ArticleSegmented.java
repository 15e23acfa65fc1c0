package io.storywatch.event;

import java.util.List;
import java.util.Map;

/**
 * An article split into sentences and segmented words; {@code versions} holds at least "segmenter". Schema version 2
 * writes each sentence's tokens as one compact string (see {@link SentenceJson}); version 1 records still read.
 */
public record ArticleSegmented(int schemaVersion, String id, String title, String text, String publishedAt,
                               String source, String url, String language, String contentHash, String duplicateOf,
                               List<Sentence> sentences, Map<String, String> versions) {
    public static final int SCHEMA_VERSION = 2;
}
