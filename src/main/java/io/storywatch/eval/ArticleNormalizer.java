package io.storywatch.eval;

import com.hankcs.hanlp.HanLP;
import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.RawArticle;
import java.util.regex.Pattern;

/**
 * Stand-in for ingest's normalisation (traditional to simplified, full-width to half-width, HTML stripped, white
 * space tidied) so the evaluation can run articles through segment and tag before the ingest stage is merged;
 * to be replaced by ingest's own normaliser.
 */
final class ArticleNormalizer {

    private static final Pattern TAG = Pattern.compile("<[^>]{0,200}>");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");

    private ArticleNormalizer() {
    }

    static ArticleCleaned clean(RawArticle raw) {
        String title = normalise(raw.title() == null ? "" : raw.title());
        String body = normalise(raw.body() == null ? "" : raw.body());
        return new ArticleCleaned(ArticleCleaned.SCHEMA_VERSION, raw.id(), title, body, title + "\n" + body,
                raw.publishedAt(), raw.source(), raw.url(), raw.language(), null, null);
    }

    static String normalise(String text) {
        String s = TAG.matcher(text).replaceAll(" ");
        s = s.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'");
        StringBuilder half = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                c = ' ';
            }
            half.append(c);
        }
        s = HanLP.convertToSimplifiedChinese(half.toString());
        s = s.replace("\r\n", "\n").replace('\r', '\n');
        s = SPACES.matcher(s).replaceAll(" ");
        s = BLANK_LINES.matcher(s).replaceAll("\n");
        StringBuilder lines = new StringBuilder(s.length());
        for (String line : s.split("\n", -1)) {
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(line.strip());
        }
        return lines.toString().strip();
    }
}
