package io.storywatch.event;

import io.storywatch.json.Json;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentenceJsonTest {

    // "董事会 解雇了 Sam Altman。" starting at offset 10 of its article: one space no token covers
    private static final Sentence FIRED = new Sentence(2, 10, 26, "董事会解雇了 Sam Altman。", List.of(
            new Token("董事会", "nt", 10, 13), new Token("解雇", "v", 13, 15), new Token("了", "ule", 15, 16),
            new Token("Sam Altman", "nr", 17, 27), new Token("。", "w", 27, 28)));

    @Test
    void shouldWriteTokensAsOneCompactStringAndReadThemBackWithWordsAndOffsets() {
        String json = Json.toString(FIRED);

        assertEquals("{\"index\":2,\"start\":10,\"end\":26,\"text\":\"董事会解雇了 Sam Altman。\","
                + "\"tokens\":\"3:nt 2:v 1:ule +1 10:nr 1:w\"}", json);
        assertEquals(FIRED, Json.fromString(json, Sentence.class));
    }

    @Test
    void shouldReadSchemaOneTokenObjects() {
        String v1 = "{\"index\":0,\"start\":0,\"end\":3,\"text\":\"奥特曼\",\"tokens\":"
                + "[{\"word\":\"奥特曼\",\"pos\":\"nr\",\"start\":0,\"end\":3}],\"future\":{\"a\":[1]}}";

        assertEquals(new Sentence(0, 0, 3, "奥特曼", List.of(new Token("奥特曼", "nr", 0, 3))),
                Json.fromString(v1, Sentence.class));
    }

    @Test
    void shouldFallBackToTokenObjectsWhenTokensAreNotPiecesOfTheText() {
        // a normalising segmenter could return a word that differs from the text it covers
        Sentence normalised = new Sentence(0, 0, 2, "ＡＩ", List.of(new Token("AI", "nx", 0, 2)));

        String json = Json.toString(normalised);

        assertTrue(json.contains("\"tokens\":[{\"word\":\"AI\""), json);
        assertEquals(normalised, Json.fromString(json, Sentence.class));
    }

    @Test
    void shouldOmitTokensOfASentenceWithoutThem() {
        Sentence bare = new Sentence(2, 10, 26, FIRED.text(), null);

        assertEquals("{\"index\":2,\"start\":10,\"end\":26,\"text\":\"董事会解雇了 Sam Altman。\"}", Json.toString(bare));
        assertEquals(bare, Json.fromString(Json.toString(bare), Sentence.class));
        assertEquals(List.of(), bare.tokens());
    }

    @Test
    void shouldRejectTokenItemsThatRunPastTheSentence() {
        String broken = "{\"index\":0,\"start\":0,\"end\":3,\"text\":\"奥特曼\",\"tokens\":\"2:nr 5:v\"}";

        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> Json.fromString(broken, Sentence.class));
        assertTrue(error.getCause().getMessage().contains("'5:v' runs past the sentence"),
                error.getCause().getMessage());
    }
}
