package io.storywatch.event;

/**
 * Sentiment toward one faction over one event-time window, the value of news.faction-sentiment. Window bounds are
 * ISO-8601 instants, end exclusive; duplicates are not counted.
 */
public record FactionSentimentWindow(int schemaVersion, String faction, String windowStart, String windowEnd,
                                     long articles, long mentions, double meanScore, long pos, long neg, long neu) {
    public static final int SCHEMA_VERSION = 1;
}
