package io.storywatch.event;

/**
 * Sentiment toward one faction over one event-time window, the value of news.faction-sentiment. Window bounds are
 * ISO-8601 instants, end exclusive; duplicates are not counted. {@code pos + neg + neu + mixed = articles}.
 */
public record FactionSentimentWindow(int schemaVersion, String faction, String windowStart, String windowEnd,
                                     long articles, long mentions, double meanScore, long pos, long neg, long neu,
                                     long mixed) {
    public static final int SCHEMA_VERSION = 1;

    /** Without a {@code mixed} count, for code written before it existed. */
    public FactionSentimentWindow(int schemaVersion, String faction, String windowStart, String windowEnd,
                                  long articles, long mentions, double meanScore, long pos, long neg, long neu) {
        this(schemaVersion, faction, windowStart, windowEnd, articles, mentions, meanScore, pos, neg, neu, 0);
    }
}
