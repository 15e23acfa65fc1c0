package io.storywatch.web.view;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest record of one window, placed by its key ({@code TARGET@WINDOW_START/WINDOW_SIZE}) and kept as the bytes
 * that came: the aggregate stage rewrites a window many times per article and most records are replaced before a
 * query reads them, so the value is parsed when a query first does, once.
 */
final class WindowSlot {

    private static final Logger LOG = LoggerFactory.getLogger(WindowSlot.class);

    /** Where a window record belongs: its target, start and size. */
    record Key(String target, Instant windowStart, Duration size) {

        /** {@code TARGET@START/SIZE}, e.g. {@code safety@2024-05-28T00:00:00Z/P1D}; null for any other key. */
        static Key parse(String key) {
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
                        : new Key(key.substring(0, at), Instant.parse(key.substring(at + 1, slash)), size);
            } catch (DateTimeParseException | ArithmeticException e) {
                return null;
            }
        }
    }

    private final byte[] value;
    private final String targetField;
    private volatile WindowRecord record;
    private volatile boolean unreadable;

    private WindowSlot(byte[] value, String targetField, WindowRecord record) {
        this.value = value;
        this.targetField = targetField;
        this.record = record;
    }

    /** A record parsed already. */
    static WindowSlot parsed(WindowRecord record) {
        return new WindowSlot(null, null, record);
    }

    /** A record's value, parsed when first read; {@code targetField} is "faction" or "entity". */
    static WindowSlot unparsed(byte[] value, String targetField) {
        return new WindowSlot(value, targetField, null);
    }

    /** The record, or null when its value cannot be read (it is then left out of the series, as if absent). */
    WindowRecord record() {
        WindowRecord parsed = record;
        if (parsed == null && !unreadable) {
            try {
                parsed = WindowRecord.fromJson(value, targetField);
                record = parsed;
            } catch (RuntimeException e) {
                unreadable = true;
                LOG.warn("leaving out an unreadable {} window record: {}", targetField, e.getMessage());
            }
        }
        return parsed;
    }
}
