package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.storywatch.event.ArticleCleaned;
import io.storywatch.fuzz.FuzzText;
import io.storywatch.json.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Ingest's validator and normaliser on whatever a producer may send: no input makes them throw, what passes is what
 * the contract promises, and normalised text is clean, stable and whole.
 */
class IngestFuzzTest {

    private static final ArticleCleaner CLEANER = new ArticleCleaner();
    private static final TextNormalizer NORMALIZER = new TextNormalizer();

    @FuzzTest
    void validatorAnswersEveryValueWithAnArticleOrARejection(byte[] value) {
        ArticleValidator.Validation validation = new ArticleValidator(64 * 1024).validate(value);
        if (validation instanceof ArticleValidator.Invalid invalid) {
            assertNotNull(invalid.rejection().code());
            assertNotNull(invalid.rejection().message());
            return;
        }
        var article = ((ArticleValidator.Valid) validation).article();
        assertFalse(article.id().isBlank(), "a valid article has an id");
        assertFalse(article.body().isBlank(), "a valid article has a body");
        if (article.publishedAt() != null) {
            OffsetDateTime published = OffsetDateTime.parse(article.publishedAt());
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(published), article.publishedAt(),
                    "publishedAt is canonical");
            assertEquals(published, ArticleValidator.parsePublishedAt(article.publishedAt()).orElseThrow(),
                    "the canonical form reads back as the same time");
        }
    }

    @FuzzTest
    void cleanerKeepsItsTextContract(byte[] value) {
        ArticleCleaner.Result result = CLEANER.clean(value);
        if (!(result instanceof ArticleCleaner.Cleaned cleaned)) {
            assertNotNull(((ArticleCleaner.Refused) result).rejection().code());
            return;
        }
        ArticleCleaned article = cleaned.article();
        assertEquals(article.title() + "\n" + article.body(), article.text());
        assertFalse(article.title().contains("\n"), "a title is one line");
        assertFalse(article.body().isEmpty(), "a clean article has a body");
        assertCleanText(article.body());
        assertCleanText(article.title());
        assertEquals(article, Json.fromBytes(Json.toBytes(article), ArticleCleaned.class),
                "the clean record reads back as written");
    }

    @FuzzTest
    void normaliserOutputIsCleanAndStable(byte[] bytes) {
        for (String text : FuzzText.readings(bytes)) {
            String body = NORMALIZER.normalize(text);
            assertCleanText(body);
            String title = NORMALIZER.normalizeLine(text);
            assertCleanText(title);
            assertFalse(title.contains("\n"), "a title is one line");
            // markup and entities are read once, on purpose (an escaped &lt;b&gt; stays text); all else is stable
            if (body.indexOf('<') < 0 && body.indexOf('&') < 0) {
                assertEquals(body, NORMALIZER.normalize(body), "normalising twice changes nothing");
                assertEquals(title, NORMALIZER.normalizeLine(title), "normalising a title twice changes nothing");
            }
        }
    }

    /** What the normaliser promises of its output: text every later offset can index safely. */
    static void assertCleanText(String text) {
        assertFalse(FuzzText.hasLoneSurrogate(text), "normalised text holds a lone surrogate");
        assertFalse(text.contains("\n\n\n"), "at most one blank line between paragraphs");
        assertEquals(text.strip(), text, "no white space around the text");
        for (String line : text.split("\n", -1)) {
            assertEquals(line.strip(), line, "lines are trimmed");
            assertFalse(line.contains("  "), "spaces inside a line are collapsed");
        }
        text.chars().forEach(c -> {
            assertTrue(c == '\n' || c >= ' ' && !(c >= 0x7F && c <= 0x9F),
                    "a control character U+" + Integer.toHexString(c) + " is left");
            assertFalse(c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF'
                    || c == '\u00AD', "an invisible character U+" + Integer.toHexString(c) + " is left");
        });
    }
}
