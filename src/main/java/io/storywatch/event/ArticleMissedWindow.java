package io.storywatch.event;

/**
 * An article (or a syndicated copy) the aggregate stage counted in no window, and why: the value of
 * news.articles.late, so that nothing is dropped silently.
 *
 * <p>{@code reason} is {@code AFTER_GRACE} (every window of it had closed: stream time had reached window end + grace;
 * one record, naming the longest window size) or {@code FUTURE_DATED} (its {@code publishedAt} lies more than the
 * tolerance after its record timestamp, so it has no trustworthy window; window fields are null). {@code eventTime}
 * is the time the windows would have used; {@code streamTime} the aggregate's stream time when it arrived.
 */
public record ArticleMissedWindow(int schemaVersion, String id, String title, String source, String publishedAt,
                                  String duplicateOf, String reason, String message, String eventTime,
                                  String streamTime, String windowSize, String windowStart, String windowEnd,
                                  String windowClosedAt) {
    public static final int SCHEMA_VERSION = 1;
    public static final String AFTER_GRACE = "AFTER_GRACE";
    public static final String FUTURE_DATED = "FUTURE_DATED";
}
