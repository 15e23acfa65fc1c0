package io.storywatch.window;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The key of a window record, {@code TARGET@START/SIZE} (an ISO-8601 interval per target, e.g.
 * {@code safety@2024-05-28T00:00:00Z/P1D}): written by the aggregate stage and read by the dashboard, one codec for
 * both.
 */
public record WindowKey(String target, Instant windowStart, Duration size) {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    public Instant windowEnd() {
        return windowStart.plus(size);
    }

    /** {@code TARGET@START/SIZE}, the size {@code PnD} for whole days, else e.g. {@code PT1H}. */
    public String format() {
        return target + "@" + windowStart + "/" + isoDuration(size.toMillis());
    }

    /** A window size as the keys and values name it: {@code P1D} for whole days, else e.g. {@code PT1H}. */
    public static String isoDuration(long millis) {
        return millis % DAY_MS == 0 ? "P" + millis / DAY_MS + "D" : Duration.ofMillis(millis).toString();
    }

    /** The key's parts, or null for a key of any other form (no target, no start, a size that is not positive). */
    public static WindowKey parse(String key) {
        if (key == null) {
            return null;
        }
        int at = key.lastIndexOf('@');
        int slash = key.indexOf('/', at + 1);
        if (at <= 0 || slash < 0) {
            return null;
        }
        try {
            Duration size = Duration.parse(key.substring(slash + 1));
            return size.isNegative() || size.isZero() ? null
                    : new WindowKey(key.substring(0, at), Instant.parse(key.substring(at + 1, slash)), size);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
