package io.storywatch.stage.aggregate;

import io.storywatch.event.StanceScored;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Puts each scored article in the window of its publication, not of its arrival: event time is {@code publishedAt}
 * (ISO-8601 with offset, or a plain date meaning midnight UTC) when present and readable, else the record timestamp.
 *
 * <p>A {@code publishedAt} later than the record timestamp is clamped to it: ingest stamps records with the
 * publication time but never later than when the article was fed, so a later {@code publishedAt} is a slip (a time
 * zone read as UTC) or a wrong date, and letting it through would push stream time ahead and close every window still
 * open (and a record stamped in the future is refused by the broker). The aggregator counts a slip of up to the
 * future tolerance at this clamped time and refuses a larger one as FUTURE_DATED. The record timestamp, unlike the
 * wall clock, is the same on every replay.
 */
public final class PublishedAtTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long recordTime = record.timestamp();
        String publishedAt = record.value() instanceof StanceScored article ? article.publishedAt() : null;
        long eventTime = eventTime(publishedAt, recordTime);
        return eventTime >= 0 ? eventTime : Math.max(partitionTime, 0L);
    }

    /** Event time in epoch milliseconds; negative only when neither time is known. */
    public static long eventTime(String publishedAt, long recordTimestamp) {
        OptionalLong published = parse(publishedAt);
        if (published.isEmpty()) {
            return recordTimestamp;
        }
        return recordTimestamp >= 0 ? Math.min(published.getAsLong(), recordTimestamp) : published.getAsLong();
    }

    static OptionalLong parse(String publishedAt) {
        if (publishedAt == null || publishedAt.isBlank()) {
            return OptionalLong.empty();
        }
        String text = publishedAt.strip();
        try {
            return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeException | ArithmeticException notAnOffsetDateTime) {
            // try the other forms
        }
        try {
            return OptionalLong.of(Instant.parse(text).toEpochMilli());
        } catch (DateTimeException | ArithmeticException notAnInstant) {
            // try a plain date
        }
        try {
            return OptionalLong.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        } catch (DateTimeException | ArithmeticException unreadable) {
            // ArithmeticException: a date too far out for epoch milliseconds, which the extractor must not throw on
            return OptionalLong.empty();
        }
    }
}
