package io.storywatch.stage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.stage.segment.SentenceSplitter.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> sentences(String text) {
        return SentenceSplitter.split(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void shouldSplitAfterEveryChineseAndWesternTerminator() {
        assertEquals(List.of("董事会开会了。", "结果如何？", "没人知道!", "他沉默了;", "她笑了……", "完"),
                sentences("董事会开会了。结果如何？没人知道!他沉默了;她笑了……完"));
    }

    @Test
    void shouldKeepAClosingQuoteWithTheSentenceItEnds() {
        assertEquals(List.of("他说：“我们会回来的。”", "然后离开了。"),
                sentences("他说：“我们会回来的。”然后离开了。"));
    }

    @Test
    void shouldNotTakeTheNextSentencesOpeningQuote() {
        assertEquals(List.of("他离开了。", "“为什么？”", "大家问。"),
                sentences("他离开了。“为什么？”大家问。"));
    }

    @Test
    void shouldSplitAtLineEndsAndTrimWhiteSpaceWithOffsetsIntoTheText() {
        String text = "  标题 \n\n 正文第一句。 第二句";

        assertEquals(List.of(new Span(2, 4), new Span(8, 14), new Span(15, 18)), SentenceSplitter.split(text));
    }

    @Test
    void shouldNotSplitInsideEnglishNamesOrDecimals() {
        assertEquals(List.of("Samuel H. Altman 拿到了 1.5 亿美元。"), sentences("Samuel H. Altman 拿到了 1.5 亿美元。"));
    }

    @Test
    void shouldCutARunWithoutSentenceEndsAfterItsLastPauseBeforeTheLimit() {
        String clause = "奥特曼说董事会会继续讨论，"; // 13 characters
        String text = clause.repeat(100) + "完。";

        List<String> sentences = sentences(text);

        assertEquals(text, String.join("", sentences));
        assertEquals(clause.repeat(SentenceSplitter.MAX_SENTENCE_CHARS / clause.length()), sentences.get(0));
        sentences.forEach(s -> assertEquals(true, s.length() <= SentenceSplitter.MAX_SENTENCE_CHARS, s));
    }

    @Test
    void shouldCutARunWithoutAnyPauseAtTheLimitButNotInsideASurrogatePair() {
        String text = "奥".repeat(SentenceSplitter.MAX_SENTENCE_CHARS - 1) + "😀" + "特".repeat(1000);

        List<Span> spans = SentenceSplitter.split(text);

        assertEquals(new Span(0, SentenceSplitter.MAX_SENTENCE_CHARS - 1), spans.get(0));
        assertEquals(SentenceSplitter.MAX_SENTENCE_CHARS - 1, spans.get(1).start());
        assertEquals(text.length(), spans.get(spans.size() - 1).end());
        for (int i = 1; i < spans.size(); i++) {
            assertEquals(spans.get(i - 1).end(), spans.get(i).start());
        }
    }
}
