package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentimentLexiconTest {

    private static final SentimentLexicon LEXICON = SentimentLexicon.loadDefault();

    @Test
    void shouldLoadSeveralHundredEntriesWithAVersion() {
        assertTrue(LEXICON.size() >= 800, "entries: " + LEXICON.size());
        assertFalse(LEXICON.version().isBlank());
    }

    @Test
    void shouldKnowTheStorysEventWordsWithTheirRoles() {
        assertEntry("解雇", CueKind.PATIENT, -1);
        assertEntry("罢免", CueKind.PATIENT, -1);
        assertEntry("起诉", CueKind.PATIENT, -1);
        assertEntry("批评", CueKind.PATIENT, -1);
        assertEntry("指责", CueKind.PATIENT, -1);
        assertEntry("质疑", CueKind.PATIENT, -1);
        assertEntry("力挺", CueKind.PATIENT, 1);
        assertEntry("支持", CueKind.PATIENT, 1);
        assertEntry("背叛", CueKind.AGENT, -1);
        assertEntry("宫斗", CueKind.WORD, -1);
        assertEntry("内斗", CueKind.WORD, -1);
        assertEntry("出局", CueKind.WORD, -1);
        assertEntry("回归", CueKind.RESTORATION, 1);
        assertEntry("离开", CueKind.DEPARTURE, -1);
        assertEntry("突破", CueKind.WORD, 1);
        assertEntry("成功", CueKind.WORD, 1);
        assertEntry("领先", CueKind.WORD, 1);
        assertEntry("安全风险", CueKind.WORD, -1);
        assertEntry("担忧", CueKind.CONCERN, -1);
        assertEntry("击败", CueKind.CONTEST, 1);
        assertEntry("超越", CueKind.CONTEST, 1);
    }

    @Test
    void shouldKeepDepartureWordsCloseToNeutral() {
        for (String word : List.of("离职", "辞职", "离开", "卸任")) {
            LexiconEntry entry = LEXICON.lookup(word).orElseThrow();
            // leaving is a plain fact; only the reversal of fortune reads its value as a loss
            assertTrue(!entry.kind().isPolar() && Math.abs(entry.value()) <= 0.5, word);
        }
    }

    @Test
    void shouldMatchLatinWordsInAnyCase() {
        List<LexiconEntry> found = new java.util.ArrayList<>();
        LEXICON.matchesAt("OUSTED by the board", 0, found);
        assertEquals(List.of(new LexiconEntry("oust", -0.7, CueKind.PATIENT),
                new LexiconEntry("ousted", -0.7, CueKind.WORD)), found, "every entry starting there, shortest first");
    }

    @Test
    void shouldKnowTheModifiers() {
        assertEntry("不", CueKind.NEGATOR, -1);
        assertEntry("并非", CueKind.NEGATOR, -1);
        assertEquals(CueKind.DEGREE, LEXICON.lookup("非常").orElseThrow().kind());
        assertTrue(LEXICON.lookup("极其").orElseThrow().value() > 1);
        assertTrue(LEXICON.lookup("有点").orElseThrow().value() < 1);
        assertEquals(CueKind.CONTRAST, LEXICON.lookup("但是").orElseThrow().kind());
        assertEquals(CueKind.CONTRAST, LEXICON.lookup("却").orElseThrow().kind());
        assertEquals(CueKind.HEDGE, LEXICON.lookup("或许").orElseThrow().kind());
        assertEquals(CueKind.PASSIVE, LEXICON.lookup("被").orElseThrow().kind());
    }

    @Test
    void shouldListEveryWordOnceAcrossTheShippedFiles() throws IOException {
        Map<String, String> seen = new HashMap<>();
        for (String file : SentimentLexicon.DEFAULT_FILES) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("lexicon/" + file)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                for (LexiconEntry entry : SentimentLexicon.parse(text, file)) {
                    String earlier = seen.put(entry.word(), file);
                    assertEquals(null, earlier, entry.word() + " listed in " + earlier + " and " + file);
                    assertTrue(entry.kind().isPolar() ? Math.abs(entry.value()) <= 1 : true, entry.word());
                }
            }
        }
    }

    @Test
    void shouldRejectAWordListedWithConflictingPolarity() {
        List<LexiconEntry> entries = List.of(new LexiconEntry("回归", 0.5, CueKind.WORD),
                new LexiconEntry("回归", -0.5, CueKind.WORD));
        assertThrows(IllegalArgumentException.class, () -> SentimentLexicon.of("test", entries));
    }

    @Test
    void shouldRejectAMalformedLine() {
        assertThrows(IllegalArgumentException.class, () -> SentimentLexicon.parse("好 0.5 word\n", "inline"));
        assertThrows(IllegalArgumentException.class, () -> SentimentLexicon.parse("好\t0.5\tadjective\n", "inline"));
    }

    private static void assertEntry(String word, CueKind kind, int sign) {
        LexiconEntry entry = LEXICON.lookup(word).orElseThrow(() -> new AssertionError(word + " missing"));
        assertEquals(kind, entry.kind(), word);
        assertEquals(sign, (int) Math.signum(entry.value()), word);
    }
}
