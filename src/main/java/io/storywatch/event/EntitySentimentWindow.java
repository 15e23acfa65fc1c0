package io.storywatch.event;

/**
 * Sentiment toward one story entity over one event-time window, the value of news.entity-sentiment. Window bounds
 * are ISO-8601 instants, end exclusive; duplicates are not counted.
 */
public record EntitySentimentWindow(int schemaVersion, String entity, String windowStart, String windowEnd,
                                    long articles, long mentions, double meanScore, long pos, long neg, long neu) {
    public static final int SCHEMA_VERSION = 1;
}
