package io.storywatch.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Sentiment toward one story entity over one event-time window, the value of news.entity-sentiment; the fields mean
 * what they mean in {@link FactionSentimentWindow}, and so does {@code story}.
 */
public record EntitySentimentWindow(int schemaVersion, String entity, String windowStart, String windowEnd,
                                    String windowSize, long articles, long mentions, double meanScore, long pos,
                                    long neg, long neu, double ciLow, double ciHigh, boolean lowSample, long copies,
                                    long reach, List<EvidenceArticle> evidence, @JsonProperty("final") boolean isFinal,
                                    String closesAt, String story) {
    public static final int SCHEMA_VERSION = 2;

    /** A window that does not name its story (written before several stories could be followed). */
    public EntitySentimentWindow(int schemaVersion, String entity, String windowStart, String windowEnd,
                                 String windowSize, long articles, long mentions, double meanScore, long pos,
                                 long neg, long neu, double ciLow, double ciHigh, boolean lowSample, long copies,
                                 long reach, List<EvidenceArticle> evidence, boolean isFinal, String closesAt) {
        this(schemaVersion, entity, windowStart, windowEnd, windowSize, articles, mentions, meanScore, pos, neg, neu,
                ciLow, ciHigh, lowSample, copies, reach, evidence, isFinal, closesAt, null);
    }

    /** Schema version 1: counts and mean only. */
    public EntitySentimentWindow(int schemaVersion, String entity, String windowStart, String windowEnd,
                                 long articles, long mentions, double meanScore, long pos, long neg, long neu) {
        this(schemaVersion, entity, windowStart, windowEnd, null, articles, mentions, meanScore, pos, neg, neu, -1.0,
                1.0, true, 0, articles, List.of(), false, null);
    }
}
