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
}
