package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

    private static final WordPieceTokenizer SMALL = new WordPieceTokenizer(Map.ofEntries(
            Map.entry("[PAD]", 0), Map.entry("[UNK]", 1), Map.entry("[CLS]", 2), Map.entry("[SEP]", 3),
            Map.entry("董", 4), Map.entry("事", 5), Map.entry("会", 6), Map.entry("open", 7), Map.entry("##ai", 8),
            Map.entry("，", 9), Map.entry("cafe", 10), Map.entry("sam", 11)));

    private static List<String> pieces(TokenizedText tokens) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < tokens.length(); t++) {
            out.add(tokens.text().substring(tokens.starts()[t], tokens.ends()[t]));
        }
        return out;
    }

    @Test
    void shouldSplitChineseByCharacterAndLatinByWordPieceKeepingOffsets() {
        TokenizedText tokens = SMALL.tokenize("OpenAI董事会，Sam", 32);

        assertArrayEquals(new int[] {2, 7, 8, 4, 5, 6, 9, 11, 3}, tokens.ids());
        assertEquals(List.of("", "Open", "AI", "董", "事", "会", "，", "Sam", ""), pieces(tokens));
    }

    @Test
    void shouldLowerCaseAndStripAccentsAsUncasedVocabulariesExpect() {
        TokenizedText tokens = SMALL.tokenize("CAFÉ", 8);

        assertArrayEquals(new int[] {2, 10, 3}, tokens.ids());
        assertEquals(List.of("", "CAFÉ", ""), pieces(tokens));
    }

    @Test
    void shouldReadCurlyQuotesAndLongDashesAsTheAsciiMarksTheVocabularyHas() {
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(Map.of("[PAD]", 0, "[UNK]", 1, "[CLS]", 2, "[SEP]", 3,
                "董", 4, "\"", 5, "'", 6, "-", 7));
        TokenizedText tokens = tokenizer.tokenize("\u201C董\u201D\u2018董\u2019\u2014\u2014董\uD83D\uDE2D", 16);

        assertArrayEquals(new int[] {2, 5, 4, 5, 6, 4, 6, 7, 7, 4, 1, 3}, tokens.ids());
        assertEquals(List.of("", "\u201C", "董", "\u201D", "\u2018", "董", "\u2019", "\u2014", "\u2014", "董",
                "\uD83D\uDE2D", ""), pieces(tokens), "offsets stay on the original characters; an emoji stays unknown");
    }

    @Test
    void shouldKeepTheCharactersAfterOneThatGivesSeveralTokens() {
        // 큭 decomposes into three letters, here three pieces: more tokens than the text has characters
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(Map.of("[PAD]", 0, "[UNK]", 1, "[CLS]", 2, "[SEP]", 3,
                "董", 4, "\u110F", 5, "##\u1173", 6, "##\u11A8", 7));
        TokenizedText tokens = tokenizer.tokenize("\uD06D董", 16);

        assertArrayEquals(new int[] {2, 5, 6, 7, 4, 3}, tokens.ids());
        assertEquals(List.of("", "\uD06D", "\uD06D", "\uD06D", "董", ""), pieces(tokens));
    }

    @Test
    void shouldGiveUnknownWordsOneUnknownTokenCoveringTheWord() {
        TokenizedText tokens = SMALL.tokenize("xyz董", 8);

        assertArrayEquals(new int[] {2, 1, 4, 3}, tokens.ids());
        assertEquals(List.of("", "xyz", "董", ""), pieces(tokens));
    }

    @Test
    void shouldSkipControlsAndLoneSurrogatesAndKeepOffsetsOfWhatFollows() {
        String text = "董\u0000\uD800事\u200B会😀";
        TokenizedText tokens = SMALL.tokenize(text, 16);

        assertArrayEquals(new int[] {2, 4, 5, 6, 1, 3}, tokens.ids());
        assertEquals(List.of("", "董", "事", "会", "😀", ""), pieces(tokens));
    }

    @Test
    void shouldCutLongTextsAndStillEndWithSeparator() {
        TokenizedText tokens = SMALL.tokenize("董事会董事会董事会", 5);

        assertArrayEquals(new int[] {2, 4, 5, 6, 3}, tokens.ids());
        assertArrayEquals(new int[] {2, 3}, tokens.tokensWithin(1, 3));
    }

    @Test
    void shouldTokenizeWithTheShippedVocabulary() {
        WordPieceTokenizer shipped = SentenceEncoder.bgeSmallZh().tokenizer();
        TokenizedText tokens = shipped.tokenize("OpenAI首席执行官Sam Altman", 64);

        assertEquals(List.of("", "Open", "AI", "首", "席", "执", "行", "官", "Sam", "Alt", "man", ""), pieces(tokens));
        assertTrue(tokens.ids()[1] != shipped.paddingId());
    }
}
