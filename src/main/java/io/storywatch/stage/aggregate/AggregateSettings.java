package io.storywatch.stage.aggregate;

import java.time.Duration;

/**
 * The windowing of the aggregate stage, passed in rather than read from globals.
 *
 * @param windowSize the length of each tumbling event-time window, aligned to the epoch (1 day: UTC days)
 * @param grace how long after a window ends, in stream time, an out-of-order article still counts in it
 */
public record AggregateSettings(Duration windowSize, Duration grace) {

    public AggregateSettings {
        if (windowSize == null || windowSize.isNegative() || windowSize.isZero()) {
            throw new IllegalArgumentException("windowSize must be positive, got " + windowSize);
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
    }

    /** 1-day windows, 7 days of grace. */
    public static AggregateSettings defaults() {
        return new AggregateSettings(Duration.ofDays(1), Duration.ofDays(7));
    }
}
