package io.storywatch.web.view;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest record of one window, placed by its key ({@link io.storywatch.window.WindowKey}) and kept as the bytes
 * that came: the aggregate stage rewrites a window many times per article and most records are replaced before a
 * query reads them, so the value is parsed when a query first does, once.
 */
final class WindowSlot {

    private static final Logger LOG = LoggerFactory.getLogger(WindowSlot.class);

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
