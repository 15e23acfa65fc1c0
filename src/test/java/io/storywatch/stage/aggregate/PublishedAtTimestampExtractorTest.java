package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishedAtTimestampExtractorTest {

    private static final long FED_AT = Instant.parse("2024-06-30T00:00:00Z").toEpochMilli();

    @Test
    void shouldUsePublishedAtWithItsOffset() {
        assertEquals(Instant.parse("2024-05-28T01:30:00Z").toEpochMilli(),
                PublishedAtTimestampExtractor.eventTime("2024-05-28T09:30:00+08:00", FED_AT));
    }

    @Test
    void shouldReadAPlainDateAsMidnightUtc() {
        assertEquals(Instant.parse("2024-05-28T00:00:00Z").toEpochMilli(),
                PublishedAtTimestampExtractor.eventTime("2024-05-28", FED_AT));
    }

    @Test
    void shouldFallBackToTheRecordTimestampWhenPublishedAtIsMissingOrUnreadable() {
        assertEquals(FED_AT, PublishedAtTimestampExtractor.eventTime(null, FED_AT));
        assertEquals(FED_AT, PublishedAtTimestampExtractor.eventTime(" ", FED_AT));
        assertEquals(FED_AT, PublishedAtTimestampExtractor.eventTime("上周二", FED_AT));
    }

    @Test
    void shouldFallBackToTheRecordTimestampWhenPublishedAtLiesBeyondEpochMilliseconds() {
        // a timestamp extractor runs before any exception handler: throwing here would stop the stage
        assertEquals(FED_AT, PublishedAtTimestampExtractor.eventTime("+999999999-12-31T23:59:59Z", FED_AT));
        assertEquals(FED_AT, PublishedAtTimestampExtractor.eventTime("-999999999-01-01", FED_AT));
    }

    @Test
    void shouldClampAPublishedAtLaterThanTheRecordTimestamp() {
        assertEquals(FED_AT, PublishedAtTimestampExtractor.eventTime("2031-01-01T00:00:00Z", FED_AT));
    }

    @Test
    void shouldUsePublishedAtWhenTheRecordHasNoTimestamp() {
        assertEquals(Instant.parse("2031-01-01T00:00:00Z").toEpochMilli(),
                PublishedAtTimestampExtractor.eventTime("2031-01-01T00:00:00Z", -1));
    }
}
