package io.storywatch.event;

import java.util.List;
import java.util.Map;

/** An article split into sentences and segmented words; {@code versions} holds at least "segmenter". */
public record ArticleSegmented(int schemaVersion, String id, String title, String text, String publishedAt,
                               String source, String url, String language, String contentHash, String duplicateOf,
                               List<Sentence> sentences, Map<String, String> versions) {
    public static final int SCHEMA_VERSION = 1;
}
