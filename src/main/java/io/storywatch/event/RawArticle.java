package io.storywatch.event;

/**
 * An article as producers send it to news.articles.raw; ingest validates it, nothing upstream does.
 * {@code publishedAt} is ISO-8601 and optional.
 */
public record RawArticle(String id, String title, String body, String publishedAt, String source, String url,
                         String language) {
}
