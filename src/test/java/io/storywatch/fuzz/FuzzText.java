package io.storywatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the fuzz tests turn the fuzzer's bytes into text, and the offset properties they share. The bytes are read
 * twice: as UTF-8 (kept inputs stay readable files) and as raw UTF-16 code units (which reach lone surrogates and
 * every control character, as JSON escapes can).
 */
public final class FuzzText {

    private FuzzText() {
    }

    /** The two readings of the fuzzer's bytes. */
    public static List<String> readings(byte[] bytes) {
        return List.of(utf8(bytes), utf16(bytes));
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every two bytes one UTF-16 code unit, unpaired surrogates included. */
    public static String utf16(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 0, bytes.length & ~1).asCharBuffer().toString();
    }

    /** True when {@code offset} falls between the two halves of a surrogate pair. */
    public static boolean splitsPair(String text, int offset) {
        return offset > 0 && offset < text.length() && Character.isHighSurrogate(text.charAt(offset - 1))
                && Character.isLowSurrogate(text.charAt(offset));
    }

    /** [start, end) lies inside the text, is not reversed and cuts no surrogate pair. */
    public static void assertSpan(String text, int start, int end, String what) {
        assertTrue(0 <= start && start <= end && end <= text.length(),
                what + " [" + start + ", " + end + ") outside a text of " + text.length());
        assertFalse(splitsPair(text, start), what + " starts inside a surrogate pair at " + start);
        assertFalse(splitsPair(text, end), what + " ends inside a surrogate pair at " + end);
    }

    /**
     * A raw article as a producer would send it, with the text's first line as title and the rest as body; JSON
     * escapes carry any code unit, lone surrogates included.
     */
    public static byte[] article(String text) {
        int lineEnd = text.indexOf('\n');
        ObjectNode article = Json.mapper().createObjectNode();
        article.put("id", "fuzz");
        article.put("title", lineEnd < 0 ? "" : text.substring(0, lineEnd));
        article.put("body", lineEnd < 0 ? text : text.substring(lineEnd + 1));
        article.put("publishedAt", "2024-05-15T10:00:00+08:00");
        return Json.toBytes(article);
    }

    /** True when the text holds an unpaired surrogate. */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
