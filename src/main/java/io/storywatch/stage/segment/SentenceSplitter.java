package io.storywatch.stage.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into sentences after 。！？!?；;… and at line ends, keeping closing quotes and brackets with the
 * sentence they close; spans are trimmed of surrounding white space and index the text.
 */
public final class SentenceSplitter {

    /** A sentence's place in the text, [start, end). */
    public record Span(int start, int end) {
    }

    private static final String TERMINATORS = "。！？!?；;…";
    private static final String CLOSERS = "”’」』\"'）)》〉】]";

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
                while (end < n && TERMINATORS.indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                while (end < n && CLOSERS.indexOf(text.charAt(end)) >= 0 && closesOpenQuote(text, start, end)) {
                    end++;
                }
                add(text, start, end, spans);
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        add(text, start, n, spans);
        return spans;
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
