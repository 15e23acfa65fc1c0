package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The aggregate's event time on any {@code publishedAt} and record timestamp: never an exception (which would stop the
 * stage), and never later than a known record timestamp (so no text can push stream time ahead).
 */
class EventTimeFuzzTest {

    @FuzzTest
    void eventTimeIsNeverLaterThanTheRecord(FuzzedDataProvider data) {
        long recordTimestamp = data.consumeBoolean() ? data.consumeLong(-1, Long.MAX_VALUE) : data.consumeLong();
        String publishedAt = data.consumeRemainingAsString();
        long eventTime = PublishedAtTimestampExtractor.eventTime(publishedAt, recordTimestamp);
        if (recordTimestamp >= 0) {
            assertTrue(eventTime <= recordTimestamp,
                    "event time " + eventTime + " after the record's " + recordTimestamp);
        }
    }
}
