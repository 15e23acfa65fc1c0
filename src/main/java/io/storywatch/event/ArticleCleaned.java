package io.storywatch.event;

/**
 * A valid article after normalisation. {@code text} is the normalised title, a newline, and the normalised body:
 * every later offset indexes it in UTF-16 code units. {@code duplicateOf} names the first article with the same
 * normalised content, or is null for an original.
 */
public record ArticleCleaned(int schemaVersion, String id, String title, String body, String text,
                             String publishedAt, String source, String url, String language, String contentHash,
                             String duplicateOf) {
    public static final int SCHEMA_VERSION = 1;
}
