package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.ArticleCleaned;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArticleCleanerTest {

    private final ArticleCleaner cleaner = new ArticleCleaner();

    @Test
    void shouldJoinTitleAndBodyWithANewlineEvenWithoutATitle() {
        ArticleCleaned cleaned = clean("{\"id\": \"t\", \"body\": \"<p>安全团队解散。</p>\"}");

        assertEquals("\n安全团队解散。", cleaned.text());
        assertEquals("", cleaned.title());
    }

    @Test
    void shouldHashTheBodyOnlySoARetitledCopyHasTheSameHash() {
        ArticleCleaned original = clean("{\"id\": \"o\", \"title\": \"原标题\", \"body\": \"莱克宣布离职。\"}");
        ArticleCleaned retitled = clean("{\"id\": \"c\", \"title\": \"新标题\", \"body\": \"萊克宣佈離職。\"}");

        assertEquals(ArticleCleaner.sha256Hex("莱克宣布离职。"), original.contentHash());
        assertEquals(original.contentHash(), retitled.contentHash());
    }

    @Test
    void shouldDropBlankOptionalFieldsAndTrimThem() {
        ArticleCleaned cleaned = clean("{\"id\": \"s\", \"body\": \"正文。\", \"source\": \" 示例日报 \", \"url\": \" \","
                + " \"language\": \"zh\"}");

        assertEquals(new ArticleCleaned(1, "s", "", "正文。", "\n正文。", null, "示例日报", null, "zh",
                ArticleCleaner.sha256Hex("正文。"), null), cleaned);
    }

    private ArticleCleaned clean(String json) {
        return ((ArticleCleaner.Cleaned) cleaner.clean(json.getBytes(StandardCharsets.UTF_8))).article();
    }
}
