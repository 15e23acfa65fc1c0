package io.storywatch.web.view;

import java.time.Duration;
import java.time.Instant;

/** The window sizes a dashboard asks for; windows are aligned to the epoch, as Kafka Streams' tumbling windows are. */
public enum Granularity {
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

    private final String label;
    private final Duration size;

    Granularity(String label, Duration size) {
        this.label = label;
        this.size = size;
    }

    public String label() {
        return label;
    }

    public Duration size() {
        return size;
    }

    public Instant windowStart(Instant time) {
        long millis = size.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), millis) * millis);
    }

    /** "1h" or "1d" (also "hour", "day"); anything else is refused. */
    public static Granularity parse(String text) {
        if (text == null || text.isBlank()) {
            return DAY;
        }
        return switch (text.strip().toLowerCase()) {
            case "1h", "hour", "h" -> HOUR;
            case "1d", "day", "d" -> DAY;
            default -> throw new IllegalArgumentException("window must be 1h or 1d, not " + text);
        };
    }
}
