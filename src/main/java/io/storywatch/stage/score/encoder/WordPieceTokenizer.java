package io.storywatch.stage.score.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer over a shipped vocabulary, with no network: Chinese characters one token each,
 * Latin words split greedily into the longest vocabulary pieces; every token keeps its UTF-16 span in the original
 * text so a target's mention maps to its tokens.
 */
public final class WordPieceTokenizer {

    /**
     * How text becomes tokens beyond the vocabulary itself; part of every trained head's version, so a head follows
     * a change here. 2: curly quotes and long dashes read as ASCII marks ({@link #folded}). 3: a character that
     * gives several tokens (a Hangul syllable, decomposed into its letters) no longer pushes the text's last
     * characters out.
     */
    public static final String NORMALISATION = "wordpiece-3";

    private static final int MAX_CHARS_PER_WORD = 100;

    private final Map<String, Integer> vocabulary;
    private final int unknown;
    private final int classify;
    private final int separator;
    private final int padding;

    public WordPieceTokenizer(Map<String, Integer> vocabulary) {
        this.vocabulary = Map.copyOf(vocabulary);
        this.unknown = id("[UNK]");
        this.classify = id("[CLS]");
        this.separator = id("[SEP]");
        this.padding = id("[PAD]");
    }

    /** Reads the {@code model.vocab} object of a Hugging Face {@code tokenizer.json}. */
    public static WordPieceTokenizer fromTokenizerJson(InputStream json) {
        try {
            JsonNode vocab = Json.mapper().readTree(json).path("model").path("vocab");
            if (!vocab.isObject() || vocab.isEmpty()) {
                throw new IllegalArgumentException("tokenizer.json has no model.vocab object");
            }
            Map<String, Integer> vocabulary = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                vocabulary.put(entry.getKey(), entry.getValue().asInt());
            }
            return new WordPieceTokenizer(vocabulary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer.json", e);
        }
    }

    public int paddingId() {
        return padding;
    }

    /**
     * The tokens of {@code text} between [CLS] and [SEP], at most {@code maxTokens} in all (the text's tail is cut).
     */
    public TokenizedText tokenize(String text, int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must leave room for [CLS] and [SEP]: " + maxTokens);
        }
        TokenizedText.Builder out = new TokenizedText.Builder(text, maxTokens);
        out.add(classify, 0, 0);
        StringBuilder word = new StringBuilder();
        IntList wordStarts = new IntList();
        IntList wordEnds = new IntList();
        int i = 0;
        while (i < text.length() && !out.full(1)) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            codePoint = folded(codePoint);
            if (isSkipped(codePoint) || isSpace(codePoint)) {
                wordPieces(word, wordStarts, wordEnds, out);
            } else if (isCjk(codePoint) || isPunctuation(codePoint)) {
                wordPieces(word, wordStarts, wordEnds, out);
                appendNormalised(codePoint, i, next, word, wordStarts, wordEnds);
                wordPieces(word, wordStarts, wordEnds, out);
            } else {
                appendNormalised(codePoint, i, next, word, wordStarts, wordEnds);
            }
            i = next;
        }
        wordPieces(word, wordStarts, wordEnds, out);
        out.addFinal(separator, text.length(), text.length());
        return out.build();
    }

    /**
     * Curly quotes and long dashes, which the vocabulary lacks (they would all read as [UNK], an opening quote like a
     * closing one and like an emoji), read as the ASCII marks it has: reported speech and scare quotes stay visible.
     */
    static int folded(int c) {
        return switch (c) {
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u301D', '\u301E' -> '"';
            case '\u2018', '\u2019', '\u201A', '\u201B' -> '\'';
            case '\u2012', '\u2013', '\u2014', '\u2015' -> '-';
            default -> c;
        };
    }

    /** Lower case without accents, as BERT's uncased vocabularies expect; each output char remembers its source. */
    private static void appendNormalised(int codePoint, int start, int end, StringBuilder word, IntList starts,
                                         IntList ends) {
        String lowered = new String(Character.toChars(codePoint)).toLowerCase(java.util.Locale.ROOT);
        String decomposed = Normalizer.normalize(lowered, Normalizer.Form.NFD);
        for (int k = 0; k < decomposed.length(); k++) {
            char c = decomposed.charAt(k);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            word.append(c);
            starts.add(start);
            ends.add(end);
        }
    }

    /** Greedy longest-match-first WordPiece over one word, then clears it. */
    private void wordPieces(StringBuilder word, IntList starts, IntList ends, TokenizedText.Builder out) {
        if (word.isEmpty()) {
            return;
        }
        String text = word.toString();
        if (text.length() > MAX_CHARS_PER_WORD) {
            out.add(unknown, starts.get(0), ends.get(text.length() - 1));
        } else {
            int[] ids = new int[text.length()];
            int[] pieceEnds = new int[text.length()];
            int pieces = 0;
            int from = 0;
            while (from < text.length()) {
                int to = text.length();
                Integer found = null;
                while (to > from) {
                    String piece = (from > 0 ? "##" : "") + text.substring(from, to);
                    found = vocabulary.get(piece);
                    if (found != null) {
                        break;
                    }
                    to--;
                }
                if (found == null) {
                    pieces = -1;
                    break;
                }
                ids[pieces] = found;
                pieceEnds[pieces++] = to;
                from = to;
            }
            if (pieces < 0) {
                out.add(unknown, starts.get(0), ends.get(text.length() - 1));
            } else {
                int pieceStart = 0;
                for (int p = 0; p < pieces && !out.full(1); p++) {
                    out.add(ids[p], starts.get(pieceStart), ends.get(pieceEnds[p] - 1));
                    pieceStart = pieceEnds[p];
                }
            }
        }
        word.setLength(0);
        starts.clear();
        ends.clear();
    }

    private int id(String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("vocabulary lacks " + token);
        }
        return id;
    }

    private static boolean isSkipped(int c) {
        return c == 0 || c == 0xFFFD || Character.getType(c) == Character.FORMAT
                || Character.isISOControl(c) && !isSpace(c) || Character.getType(c) == Character.SURROGATE;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** The CJK ideograph blocks BERT's basic tokenizer splits one character at a time. */
    static boolean isCjk(int c) {
        return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0x20000 && c <= 0x2A6DF
                || c >= 0x2A700 && c <= 0x2CEAF || c >= 0xF900 && c <= 0xFAFF || c >= 0x2F800 && c <= 0x2FA1F;
    }

    private static boolean isPunctuation(int c) {
        if (c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** A growable int array, to keep per-character offsets without boxing. */
    private static final class IntList {
        private int[] values = new int[32];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int index) {
            return values[index];
        }

        void clear() {
            size = 0;
        }
    }
}
