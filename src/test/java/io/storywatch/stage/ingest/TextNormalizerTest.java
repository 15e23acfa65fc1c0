package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @Test
    void shouldConvertTraditionalToSimplified() {
        assertEquals("奥特曼被董事会解雇后，微软宣布聘请他。",
                normalizer.normalize("奧特曼被董事會解僱後，微軟宣佈聘請他。"));
    }

    @Test
    void shouldLeaveSimplifiedTextAlone() {
        String simplified = "著名科学家苏茨克维离开了公司，理发店里面的干部后来也走了。";

        assertEquals(simplified, normalizer.normalize(simplified));
    }

    @Test
    void shouldFoldFullWidthLettersDigitsSymbolsAndIdeographicSpace() {
        assertEquals("OpenAI 在2024年融资100亿美元, 涨幅50%",
                normalizer.normalize("ＯｐｅｎＡＩ　在２０２４年融资１００亿美元,　涨幅５０％"));
    }

    @Test
    void shouldKeepChinesePunctuation() {
        String text = "他说：“安全第一！”（记者注）真的吗？是的；好，知道了。、";

        assertEquals(text, normalizer.normalize(text));
    }

    @Test
    void shouldStripTagsAndKeepParagraphs() {
        String html = "<div class=\"article\"><h1>标题</h1><p>第一段<b>加粗</b>文字。</p>"
                + "<p>第二段<br/>换行。</p><a href=\"/x?a=1&b=2\" title=\"a>b\">链接</a></div>";

        assertEquals("标题\n\n第一段加粗文字。\n\n第二段\n换行。\n\n链接", normalizer.normalize(html));
    }

    @Test
    void shouldRemoveScriptStyleAndCommentsWithTheirContent() {
        String html = "<style>p { color: red; }</style>正文<script type=\"text/javascript\">var x = '<p>';"
                + "</script>继续<!-- 广告 <p>位</p> -->。<SCRIPT>alert(1)</SCRIPT>";

        assertEquals("正文继续。", normalizer.normalize(html));
    }

    @Test
    void shouldDecodeNamedAndNumericEntities() {
        assertEquals("A&B <谷歌> \"引号\" 'x' 中文 a b—c ©",
                normalizer.normalize("A&amp;B &lt;谷歌&gt; &quot;引号&quot; &#39;x&#39; &#x4E2D;&#25991; a&nbsp;b&mdash;c &copy;"));
    }

    @Test
    void shouldDecodeEntitiesOnceAndAfterTags() {
        assertEquals("<b>不是标签</b> &lt; &unknown; &#xD800; &",
                normalizer.normalize("&lt;b&gt;不是标签&lt;/b&gt; &amp;lt; &unknown; &#xD800; &"));
    }

    @Test
    void shouldNormaliseWhitespaceAndKeepParagraphStructure() {
        String raw = "  \r\n第一行 \t  文字  \r\n第二行\u00A0\u00A0x\n\n\n\n  第二段\u200B开始 \n\n\n";

        assertEquals("第一行 文字\n第二行 x\n\n第二段开始", normalizer.normalize(raw));
    }

    @Test
    void shouldDropControlCharactersAndByteOrderMarks() {
        assertEquals("正文结束", normalizer.normalize("\uFEFF正文\u0000\u0007结\u00AD束"));
    }

    @Test
    void shouldFoldATitleOntoOneLine() {
        assertEquals("奥特曼 回归 OpenAI", normalizer.normalizeLine("<p>奧特曼</p>\n回歸<br>ＯｐｅｎＡＩ"));
    }

    @Test
    void shouldTreatNullAsEmpty() {
        assertEquals("", normalizer.normalize(null));
        assertEquals("", normalizer.normalizeLine(null));
    }

    @Test
    void shouldLeaveLessThanSignsThatAreNotTags() {
        assertEquals("如果 3<5 且 a < b", normalizer.normalize("如果 3<5 且 a < b"));
    }

    @Test
    void shouldSurviveAStrayLessThanSignBeforeALongText() {
        String text = "如果a<b 那么" + "长文本".repeat(100_000);

        assertEquals(text, normalizer.normalize(text));
    }

    @Test
    void shouldStripATagWithAVeryLongAttribute() {
        assertEquals("正文", normalizer.normalize("<img alt=" + "x".repeat(300_000) + ">正文"));
    }
}
