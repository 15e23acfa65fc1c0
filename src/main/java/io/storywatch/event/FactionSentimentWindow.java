package io.storywatch.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Sentiment toward one faction over one event-time window, the value of news.faction-sentiment. Window bounds are
 * ISO-8601 instants, end exclusive; {@code windowSize} is an ISO-8601 duration ({@code PT1H}, {@code P1D}).
 * {@code pos + neg + neu + mixed = articles}, counting originals only; syndicated copies of those originals are
 * {@code copies}, and {@code reach = articles + copies}. {@code ciLow}/{@code ciHigh} bound a 95% Student-t interval
 * of the mean article score ([-1, 1] for a single article). {@code final} is false while stream time is before
 * {@code closesAt} (window end + grace) and true on the one record written when the window closes. {@code story} is
 * the id of the story the window belongs to (absent on records written before several stories could be followed).
 */
public record FactionSentimentWindow(int schemaVersion, String faction, String windowStart, String windowEnd,
                                     String windowSize, long articles, long mentions, double meanScore, long pos,
                                     long neg, long neu, long mixed, double ciLow, double ciHigh, boolean lowSample,
                                     long copies, long reach, List<EvidenceArticle> evidence,
                                     @JsonProperty("final") boolean isFinal, String closesAt, String story) {
    public static final int SCHEMA_VERSION = 2;

    /** A window that does not name its story (written before several stories could be followed). */
    public FactionSentimentWindow(int schemaVersion, String faction, String windowStart, String windowEnd,
                                  String windowSize, long articles, long mentions, double meanScore, long pos,
                                  long neg, long neu, long mixed, double ciLow, double ciHigh, boolean lowSample,
                                  long copies, long reach, List<EvidenceArticle> evidence, boolean isFinal,
                                  String closesAt) {
        this(schemaVersion, faction, windowStart, windowEnd, windowSize, articles, mentions, meanScore, pos, neg, neu,
                mixed, ciLow, ciHigh, lowSample, copies, reach, evidence, isFinal, closesAt, null);
    }

    /** Schema version 1: counts and mean only, for code written before the window grew its honesty fields. */
    public FactionSentimentWindow(int schemaVersion, String faction, String windowStart, String windowEnd,
                                  long articles, long mentions, double meanScore, long pos, long neg, long neu,
                                  long mixed) {
        this(schemaVersion, faction, windowStart, windowEnd, null, articles, mentions, meanScore, pos, neg, neu, mixed,
                -1.0, 1.0, true, 0, articles, List.of(), false, null);
    }

    /** Schema version 1 without a {@code mixed} count. */
    public FactionSentimentWindow(int schemaVersion, String faction, String windowStart, String windowEnd,
                                  long articles, long mentions, double meanScore, long pos, long neg, long neu) {
        this(schemaVersion, faction, windowStart, windowEnd, articles, mentions, meanScore, pos, neg, neu, 0);
    }
}
