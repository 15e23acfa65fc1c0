package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.storywatch.fuzz.FuzzText;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder path's own Java code on any sentence (the ONNX model itself is not run here): the tokenizer's spans
 * index the text without cutting a surrogate pair, and a target's window still reads the target's words.
 */
class EncoderInputFuzzTest {

    private static final WordPieceTokenizer TOKENIZER = shippedTokenizer();
    private static final int MAX_TOKENS = SentenceEncoder.DEFAULT_MAX_TOKENS;

    @FuzzTest
    void tokenSpansIndexTheTextInOrder(byte[] bytes) {
        for (String text : FuzzText.readings(bytes)) {
            for (int maxTokens : new int[] {2, 7, MAX_TOKENS}) {
                assertTokenized(text, TOKENIZER.tokenize(text, maxTokens), maxTokens);
            }
        }
    }

    @FuzzTest
    void targetWindowKeepsTheTargetsText(FuzzedDataProvider data) {
        int mentions = data.consumeInt(1, 3);
        int[][] bounds = new int[mentions][];
        for (int i = 0; i < mentions; i++) {
            bounds[i] = new int[] {data.consumeInt(0, 2000), data.consumeInt(1, 12)};
        }
        String text = data.consumeRemainingAsString();
        List<TargetSpan> spans = mentions(text, bounds, (b, start, end) -> TargetSpan.named("t", start, end));
        if (spans.isEmpty()) {
            return;
        }
        TargetText view = TargetText.of(new SentenceInput(text, List.of(), spans), "t", TOKENIZER, MAX_TOKENS,
                false);
        String window = view.tokens().text();
        assertTokenized(window, view.tokens(), MAX_TOKENS);
        int offset = text.length() - window.length();
        assertTrue(text.endsWith(window), "the window is a tail of the sentence");
        assertFalse(FuzzText.splitsPair(text, offset), "the window starts inside a surrogate pair");
        assertEquals(spans.size(), view.spans().size());
        for (int i = 0; i < spans.size(); i++) {
            TargetSpan original = spans.stream().sorted(java.util.Comparator.comparingInt(TargetSpan::start))
                    .toList().get(i);
            TargetSpan moved = view.spans().get(i);
            if (moved.start() >= 0) {
                assertEquals(text.substring(original.start(), original.end()),
                        window.substring(moved.start(), moved.end()), "a mention moved off its text");
            }
        }
        assertAttentionWindow(view);
        TargetSpan first = view.spans().get(0);
        String firstText = window.substring(Math.max(0, first.start()), Math.max(0, first.end()));
        if (firstText.codePoints().anyMatch(c -> WordPieceTokenizer.isCjk(c))) {
            assertTrue(view.tokens().tokensWithin(first.start(), first.end()).length > 0,
                    "the target's first mention has no token in the text the encoder reads");
        }
    }

    @FuzzTest
    void maskedNamesKeepEveryMentionOnItsTextOrItsPlaceholder(FuzzedDataProvider data) {
        int mentions = data.consumeInt(1, 5);
        int[][] bounds = new int[mentions][];
        for (int i = 0; i < mentions; i++) {
            bounds[i] = new int[] {data.consumeInt(0, 300), data.consumeInt(1, 8), data.consumeInt(0, 2),
                    data.consumeBoolean() ? 1 : 0};
        }
        String text = data.consumeRemainingAsString();
        List<TargetSpan> spans = mentions(text, bounds,
                (b, start, end) -> new TargetSpan("t" + b[2], start, end, b[3] == 1, 1.0));
        if (spans.isEmpty()) {
            return;
        }
        SentenceInput sentence = new SentenceInput(text, List.of(), spans);
        SentenceInput masked = NameMask.of(sentence);

        assertEquals(spans.size(), masked.targets().size());
        for (int i = 0; i < spans.size(); i++) {
            TargetSpan before = spans.get(i);
            TargetSpan after = masked.targets().get(i);
            assertEquals(before.target(), after.target());
            assertEquals(before.implicit(), after.implicit());
            assertTrue(0 <= after.start() && after.start() <= after.end() && after.end() <= masked.text().length(),
                    "span " + i + " off the masked text");
            boolean alone = spans.stream().noneMatch(o -> o != before && o.start() < before.end()
                    && o.end() > before.start());
            if (alone) {
                // a mention that overlaps no other reads its placeholder if it is a name, else its own text
                String read = masked.text().substring(after.start(), after.end());
                if (before.implicit()) {
                    assertEquals(text.substring(before.start(), before.end()), read, "pronoun " + i);
                } else {
                    assertTrue(read.length() == 1 && NameMask.PLACEHOLDERS.contains(read), "name " + i + ": " + read);
                }
            }
        }
        for (int[] b : bounds) {
            // every target's named mentions share one placeholder
            String target = "t" + b[2];
            long placeholders = masked.targets().stream().filter(s -> s.target().equals(target) && !s.implicit())
                    .map(s -> masked.text().substring(s.start(), s.end()))
                    .filter(r -> r.length() == 1 && NameMask.PLACEHOLDERS.contains(r)).distinct().count();
            assertTrue(placeholders <= 1, target + " has " + placeholders + " placeholders");
        }
        TargetText.of(sentence, spans.get(0).target(), TOKENIZER, MAX_TOKENS, true);
    }

    /**
     * What a learned attention reads for the target ({@link TargetWindow}), with token t's state (t): the target's own
     * tokens at offset 0 and its query their mean, every other token within reach with its distance, no [CLS] or [SEP].
     */
    private static void assertAttentionWindow(TargetText view) {
        int n = view.tokens().length();
        float[][] states = new float[n][];
        for (int t = 0; t < n; t++) {
            states[t] = new float[] {t};
        }
        TargetWindow window = TargetWindow.of(new EncodedText(view.tokens(), states), view.spans());
        java.util.TreeSet<Integer> own = new java.util.TreeSet<>();
        view.spans().forEach(span -> {
            for (int t : view.tokens().tokensWithin(span.start(), span.end())) {
                own.add(t);
            }
        });
        for (int i = 0; i < window.states().length; i++) {
            int t = (int) window.states()[i][0];
            int bucket = window.buckets()[i];
            assertTrue(t > 0 && t < n - 1, "the window reads special token " + t);
            if (own.isEmpty()) {
                assertEquals(TargetWindow.NO_TARGET, bucket);
                continue;
            }
            int distance = own.stream().mapToInt(o -> Math.abs(o - t)).min().orElseThrow();
            assertTrue(distance <= TargetWindow.REACH, "token " + t + " beyond reach");
            assertEquals(distance, Math.abs(bucket - TargetWindow.REACH), "token " + t + "'s offset");
        }
        if (!own.isEmpty()) {
            long inReach = java.util.stream.IntStream.range(1, n - 1).filter(t -> own.stream()
                    .anyMatch(o -> Math.abs(o - t) <= TargetWindow.REACH)).count();
            assertEquals(inReach, window.states().length, "tokens within reach");
            assertEquals(own.stream().mapToDouble(Integer::doubleValue).average().orElseThrow(), window.query()[0],
                    1e-3, "the query is the mean of the target's own tokens");
        }
    }

    /** Builds a mention from its fuzzed bound {start, length, …} once cut to the text. */
    private interface Mention {
        TargetSpan at(int[] bound, int start, int end);
    }

    /** The mentions the bounds give, each cut to the text; empty ones are dropped. */
    private static List<TargetSpan> mentions(String text, int[][] bounds, Mention mention) {
        List<TargetSpan> spans = new ArrayList<>();
        for (int[] b : bounds) {
            int start = Math.min(b[0], text.length());
            int end = Math.min(start + b[1], text.length());
            if (start < end) {
                spans.add(mention.at(b, start, end));
            }
        }
        return spans;
    }

    private static void assertTokenized(String text, TokenizedText tokens, int maxTokens) {
        assertTrue(tokens.length() >= 2 && tokens.length() <= maxTokens, tokens.length() + " tokens");
        int previousStart = 0;
        for (int t = 1; t < tokens.length() - 1; t++) {
            int start = tokens.starts()[t];
            int end = tokens.ends()[t];
            assertTrue(start < end, "an empty token at " + start);
            FuzzText.assertSpan(text, start, end, "token " + t);
            assertTrue(start >= previousStart, "tokens out of order at " + t);
            previousStart = start;
        }
    }

    private static WordPieceTokenizer shippedTokenizer() {
        try (InputStream in = EncoderInputFuzzTest.class.getClassLoader()
                .getResourceAsStream(SentenceEncoder.BGE_SMALL_ZH_TOKENIZER)) {
            return WordPieceTokenizer.fromTokenizerJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
