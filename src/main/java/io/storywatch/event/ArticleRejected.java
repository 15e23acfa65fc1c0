package io.storywatch.event;

/**
 * Why ingest refused a raw record, with enough of the original to act on it. The raw topic keeps the original
 * forever, so {@code rawPartition}/{@code rawOffset} always find it even when {@code original} was truncated.
 *
 * @param original the original value as text when it is UTF-8, else null
 * @param originalBase64 the original value's bytes when they are not UTF-8, else null
 * @param originalTruncated true when {@code original}/{@code originalBase64} hold only a prefix of the value
 */
public record ArticleRejected(int schemaVersion, String code, String message, String key, int rawPartition,
                              long rawOffset, int originalSize, String original, String originalBase64,
                              boolean originalTruncated) {
    public static final int SCHEMA_VERSION = 1;
}
