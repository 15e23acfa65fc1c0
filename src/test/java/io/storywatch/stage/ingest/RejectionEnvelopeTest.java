package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.ArticleRejected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RejectionEnvelopeTest {

    private static final Rejection TOO_LARGE = new Rejection(RejectionCode.TOO_LARGE, "too large");

    @Test
    void shouldCutTextBeforeAFourByteCharacterThatCrossesTheLimit() {
        // 65533 ASCII bytes, then a 4-byte emoji across the 64 KiB limit
        String text = "a".repeat(65533) + "\uD83D\uDE00" + "tail";
        byte[] value = text.getBytes(StandardCharsets.UTF_8);

        assertEquals(new ArticleRejected(1, "TOO_LARGE", "too large", "k", 2, 40L, value.length, "a".repeat(65533),
                null, true), RejectionEnvelope.of(TOO_LARGE, "k", 2, 40L, value));
    }

    @Test
    void shouldKeepA64KiBBase64PrefixOfBinaryValues() {
        byte[] value = new byte[70_000];
        Arrays.fill(value, (byte) 0xFE);

        assertEquals(new ArticleRejected(1, "TOO_LARGE", "too large", null, 0, 7L, 70_000, null,
                        Base64.getEncoder().encodeToString(Arrays.copyOf(value, 65536)), true),
                RejectionEnvelope.of(TOO_LARGE, null, 0, 7L, value));
    }

    @Test
    void shouldDescribeAMissingValue() {
        assertEquals(new ArticleRejected(1, "NOT_JSON", "none", "k", 0, 1L, 0, null, null, false),
                RejectionEnvelope.of(new Rejection(RejectionCode.NOT_JSON, "none"), "k", 0, 1L, null));
    }
}
