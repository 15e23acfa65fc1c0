package io.storywatch.event;

/**
 * A valid article after normalisation. {@code text} is the normalised title, a newline, and the normalised body:
 * every later offset indexes it in UTF-16 code units. {@code duplicateOf} names the original this article copies, or
 * is null for an original; {@code duplicateKind} says how it was recognised: {@code exact} (same normalised body,
 * {@code contentHash}) or {@code near} ({@code simHash} within the configured Hamming distance of the original's).
 * {@code simHash} is the 64-bit SimHash of the body's character shingles, 16 lower-case hex digits.
 */
public record ArticleCleaned(int schemaVersion, String id, String title, String body, String text,
                             String publishedAt, String source, String url, String language, String contentHash,
                             String duplicateOf, String duplicateKind, String simHash) {
    public static final int SCHEMA_VERSION = 2;
    public static final String EXACT = "exact";
    public static final String NEAR = "near";

    /** Schema version 1: no duplicate kind, no SimHash. */
    public ArticleCleaned(int schemaVersion, String id, String title, String body, String text, String publishedAt,
                          String source, String url, String language, String contentHash, String duplicateOf) {
        this(schemaVersion, id, title, body, text, publishedAt, source, url, language, contentHash, duplicateOf,
                duplicateOf == null ? null : EXACT, null);
    }
}
