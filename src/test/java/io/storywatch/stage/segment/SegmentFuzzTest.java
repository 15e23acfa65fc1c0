package io.storywatch.stage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.fuzz.FuzzText;
import io.storywatch.story.Stories;
import java.util.List;

/**
 * The sentence splitter and the segmenter on any text: sentences in order, trimmed, inside the text and never cutting
 * a surrogate pair, nothing but white space left between them; words in order inside their sentence.
 */
class SegmentFuzzTest {

    private static final HanLpSegmenter SEGMENTER = HanLpSegmenter.forStory(Stories.defaultStory());

    @FuzzTest
    void splitterCoversTheTextInOrderedTrimmedSpans(byte[] bytes) {
        for (String text : FuzzText.readings(bytes)) {
            List<SentenceSplitter.Span> spans = SentenceSplitter.split(text);
            int previousEnd = 0;
            for (SentenceSplitter.Span span : spans) {
                FuzzText.assertSpan(text, span.start(), span.end(), "sentence");
                assertTrue(span.start() >= previousEnd, "sentences overlap or go backwards at " + span.start());
                assertTrue(span.end() > span.start(), "an empty sentence at " + span.start());
                assertFalse(Character.isWhitespace(text.charAt(span.start())), "a sentence starts with a space");
                assertFalse(Character.isWhitespace(text.charAt(span.end() - 1)), "a sentence ends with a space");
                assertBlank(text, previousEnd, span.start());
                previousEnd = span.end();
            }
            assertBlank(text, previousEnd, text.length());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void segmenterKeepsWordsInsideTheirSentences(byte[] bytes) {
        String text = FuzzText.utf8(bytes);
        List<Sentence> sentences = SEGMENTER.segment(text);
        for (int i = 0; i < sentences.size(); i++) {
            Sentence sentence = sentences.get(i);
            assertEquals(i, sentence.index());
            FuzzText.assertSpan(text, sentence.start(), sentence.end(), "sentence");
            assertEquals(text.substring(sentence.start(), sentence.end()), sentence.text());
            int previousEnd = sentence.start();
            for (Token token : sentence.tokens()) {
                assertTrue(token.start() >= previousEnd && token.end() <= sentence.end(),
                        "word " + token + " outside its sentence or out of order");
                FuzzText.assertSpan(text, token.start(), token.end(), "word");
                assertEquals(text.substring(token.start(), token.end()), token.word());
                previousEnd = token.end();
            }
        }
    }

    private static void assertBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            assertTrue(Character.isWhitespace(text.charAt(i)),
                    "U+" + Integer.toHexString(text.charAt(i)) + " at " + i + " belongs to no sentence");
        }
    }
}
