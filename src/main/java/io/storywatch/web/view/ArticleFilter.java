package io.storywatch.web.view;

import java.time.Instant;

/**
 * Which articles a list shows; a null field does not filter. {@code from} inclusive, {@code to} exclusive, both on
 * event time.
 */
public record ArticleFilter(String faction, String entity, String source, boolean relevantOnly, Instant from,
                            Instant to, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static ArticleFilter all() {
        return new ArticleFilter(null, null, null, false, null, null, DEFAULT_LIMIT);
    }
}
