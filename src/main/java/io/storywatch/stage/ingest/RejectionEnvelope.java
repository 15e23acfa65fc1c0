package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleRejected;
import java.util.Arrays;
import java.util.Base64;

/**
 * Builds the {@link ArticleRejected} value that travels with a refused record, keeping enough of the original to
 * diagnose it without making the rejected topic as heavy as the raw one.
 *
 * <p>The original is kept as text when it is valid UTF-8, else as base64, and only its first 64 KiB (cut back to a
 * character boundary for text) with {@code originalTruncated} set; {@code rawPartition}/{@code rawOffset} find the
 * full value in the raw topic, which keeps everything.
 */
public final class RejectionEnvelope {

    public static final int MAX_ORIGINAL_BYTES = 64 * 1024;

    private RejectionEnvelope() {
    }

    public static ArticleRejected of(Rejection rejection, String key, int rawPartition, long rawOffset, byte[] value) {
        if (value == null) {
            return new ArticleRejected(ArticleRejected.SCHEMA_VERSION, rejection.code().name(), rejection.message(),
                    key, rawPartition, rawOffset, 0, null, null, false);
        }
        boolean truncated = value.length > MAX_ORIGINAL_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(value, MAX_ORIGINAL_BYTES) : value;
        String text = null;
        String base64 = null;
        try {
            text = ArticleValidator.decodeUtf8(truncated ? Arrays.copyOf(value, characterBoundary(value)) : kept);
        } catch (ArticleValidator.NotUtf8Exception e) {
            base64 = Base64.getEncoder().encodeToString(kept);
        }
        return new ArticleRejected(ArticleRejected.SCHEMA_VERSION, rejection.code().name(), rejection.message(),
                key, rawPartition, rawOffset, value.length, text, base64, truncated);
    }

    /** The largest cut at or below the limit that does not split a UTF-8 sequence. */
    private static int characterBoundary(byte[] value) {
        int end = MAX_ORIGINAL_BYTES;
        for (int back = 0; back < 3 && end > 0 && (value[end] & 0xC0) == 0x80; back++) {
            end--;
        }
        return end;
    }
}
