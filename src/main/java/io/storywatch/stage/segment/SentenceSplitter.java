package io.storywatch.stage.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into sentences after 。！？!?；;… and at line ends, keeping closing quotes and brackets with the
 * sentence they close; spans are trimmed of surrounding white space and index the text. A run of more than
 * {@value #MAX_SENTENCE_CHARS} characters without a sentence end is cut there too (after its last comma or space in
 * the second half, else at the limit, never inside a surrogate pair): no real sentence is that long, and the later
 * stages' work per sentence grows faster than its length, so one paragraph without punctuation would otherwise hold a
 * stage for minutes.
 */
public final class SentenceSplitter {

    /** A sentence's place in the text, [start, end). */
    public record Span(int start, int end) {
    }

    private static final String TERMINATORS = "。！？!?；;…";
    private static final String CLOSERS = "”’」』\"'）)》〉】]";
    private static final String PAUSES = "，,、：:　 \t";
    public static final int MAX_SENTENCE_CHARS = 500;

    private SentenceSplitter() {
    }

    public static List<Span> split(String text) {
        List<Span> spans = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                add(text, start, i, spans);
                start = i + 1;
                i++;
            } else if (TERMINATORS.indexOf(c) >= 0) {
                int end = i + 1;
                while (end < n && end - start < MAX_SENTENCE_CHARS && TERMINATORS.indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                while (end < n && CLOSERS.indexOf(text.charAt(end)) >= 0 && closesOpenQuote(text, start, end)) {
                    end++;
                }
                add(text, start, end, spans);
                start = end;
                i = end;
            } else if (i - start >= MAX_SENTENCE_CHARS) {
                int cut = cutPoint(text, start, i);
                add(text, start, cut, spans);
                start = cut;
                i = cut;
            } else {
                i++;
            }
        }
        add(text, start, n, spans);
        return spans;
    }

    /** Where an over-long run [start, limit) is cut: after its last pause in the second half, else at the limit. */
    private static int cutPoint(String text, int start, int limit) {
        for (int k = limit; k > start + MAX_SENTENCE_CHARS / 2; k--) {
            if (PAUSES.indexOf(text.charAt(k - 1)) >= 0) {
                return k;
            }
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) && Character.isLowSurrogate(text.charAt(limit))
                ? limit - 1 : limit;
    }

    /** A closer belongs to the sentence when that sentence opened it (or it is a straight quote). */
    private static boolean closesOpenQuote(String text, int start, int closerAt) {
        char closer = text.charAt(closerAt);
        char opener = switch (closer) {
            case '”' -> '“';
            case '’' -> '‘';
            case '」' -> '「';
            case '』' -> '『';
            case '）' -> '（';
            case ')' -> '(';
            case '》' -> '《';
            case '〉' -> '〈';
            case '】' -> '【';
            case ']' -> '[';
            default -> closer;
        };
        int open = 0;
        for (int k = start; k < closerAt; k++) {
            char c = text.charAt(k);
            if (opener == closer) {
                if (c == closer) {
                    open ^= 1;
                }
            } else if (c == opener) {
                open++;
            } else if (c == closer && open > 0) {
                open--;
            }
        }
        return open > 0;
    }

    private static void add(String text, int start, int end, List<Span> spans) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
    }
}
