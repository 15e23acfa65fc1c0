package io.storywatch.stage.aggregate;

import static io.storywatch.stage.aggregate.WindowKeys.FACTION;
import static io.storywatch.stage.aggregate.WindowKeys.historyKey;
import static io.storywatch.stage.aggregate.WindowKeys.kind;
import static io.storywatch.stage.aggregate.WindowKeys.target;
import static io.storywatch.stage.aggregate.WindowKeys.unscoped;

import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.FactionShiftDetected;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides each faction window's shift alert once, against the scores of the windows before it kept in the history
 * store, so that alerting is apart from keeping windows while deciding on the same windows at the same stream time.
 */
final class ShiftAlerts {

    private final AggregateSettings settings;
    private final WindowRecords records;
    private final ShiftDetector shiftDetector;
    /** When a window's shift alert is decided: the grace of windows shorter than a day, whatever the window's size. */
    private final long alertGraceMs;
    private final long alertSizeMs;
    private final KeyValueStore<String, ShiftDetector.Scores> history;

    ShiftAlerts(AggregateSettings settings, WindowRecords records, KeyValueStore<String, ShiftDetector.Scores> history) {
        this.settings = settings;
        this.records = records;
        this.shiftDetector = new ShiftDetector(settings.alerts());
        this.alertGraceMs = settings.grace().toMillis();
        this.alertSizeMs = settings.alerts().windowSize().toMillis();
        this.history = history;
    }

    /**
     * The alert, keyed, of a window closing as stream time moves on from {@code before}: only a faction window of the
     * alert size whose alert had not fallen due yet has one to decide.
     */
    Optional<KeyValue<String, Object>> atClose(String key, EventWindow window, WindowState state, long before) {
        if (kind(key) == FACTION && window.sizeMs() == alertSizeMs && alertDue(window, before)) {
            return checkShift(window, target(key), state.sentiment());
        }
        return Optional.empty();
    }

    /**
     * A window's shift alert is decided once, when stream time passes its end + the (short) grace, so that a day window
     * followed for years still alerts within a week; articles it takes afterwards do not raise or withdraw an alert.
     */
    private boolean alertDue(EventWindow window, long before) {
        return window.endMs() + alertGraceMs > before;
    }

    /**
     * Alerts for the windows of the alert size that stay open after their alert fell due (a grace longer than it), as
     * stream time moves from {@code before} to {@code now}; {@code open} holds every open window by store key.
     */
    List<KeyValue<String, Object>> ofOpenWindows(SortedMap<String, WindowState> open, long before, long now) {
        if (!records.hasSize(alertSizeMs) || records.graceMs(alertSizeMs) == alertGraceMs) {
            return List.of(); // closing decided them
        }
        long lastDueStart = now - alertGraceMs - alertSizeMs;
        if (lastDueStart < 0) {
            return List.of();
        }
        long firstDueStart = Math.max(0, before - alertGraceMs - alertSizeMs + 1);
        if (firstDueStart > lastDueStart) {
            return List.of();
        }
        SortedMap<String, WindowState> due = open.subMap(String.format("%013d|%015d|", alertSizeMs, firstDueStart),
                String.format("%013d|%015d|\uffff", alertSizeMs, lastDueStart));
        List<KeyValue<String, Object>> alerts = new ArrayList<>();
        for (Map.Entry<String, WindowState> entry : List.copyOf(due.entrySet())) {
            if (kind(entry.getKey()) == FACTION) {
                String[] parts = entry.getKey().split("\\|", 4);
                checkShift(new EventWindow(alertSizeMs, Long.parseLong(parts[1])), parts[3],
                        entry.getValue().sentiment()).ifPresent(alerts::add);
            }
        }
        return alerts;
    }

    /** Windows close in start order, so the baseline windows of this one have all closed before it. */
    private Optional<KeyValue<String, Object>> checkShift(EventWindow window, String faction, SentimentTally tally) {
        long baselineFrom = window.startMs() - settings.alerts().baselineWindows() * window.sizeMs();
        ShiftDetector.Scores baseline = new ShiftDetector.Scores(0, 0.0, 0.0);
        int baselineWindows = 0;
        List<String> obsolete = new ArrayList<>();
        try (KeyValueIterator<String, ShiftDetector.Scores> range = history.range(historyKey(faction, 0),
                historyKey(faction, window.startMs() - 1))) {
            while (range.hasNext()) {
                KeyValue<String, ShiftDetector.Scores> entry = range.next();
                long start = Long.parseLong(entry.key.substring(entry.key.lastIndexOf('|') + 1));
                if (start < baselineFrom) {
                    obsolete.add(entry.key);
                } else {
                    baseline = baseline.plus(entry.value);
                    baselineWindows++;
                }
            }
        }
        obsolete.forEach(history::delete);
        ShiftDetector.Scores scores = ShiftDetector.Scores.of(tally);
        history.put(historyKey(faction, window.startMs()), scores);
        Optional<ShiftDetector.Shift> shift = shiftDetector.detect(scores, baseline);
        if (shift.isEmpty()) {
            return Optional.empty();
        }
        ShiftDetector.Shift found = shift.get();
        double direction = Math.signum(found.shift());
        List<EvidenceArticle> evidence = tally.evidence().stream()
                .filter(e -> Math.signum(e.score() - found.baselineMean()) == direction)
                .sorted(Comparator.comparingDouble((EvidenceArticle e) ->
                        -Math.abs(e.score() - found.baselineMean())).thenComparing(EvidenceArticle::id))
                .toList();
        return Optional.of(KeyValue.pair(window.key(faction), new FactionShiftDetected(
                FactionShiftDetected.SCHEMA_VERSION, unscoped(faction), window.start(), window.end(), window.size(),
                tally.articles(), found.mean(), EventWindow.iso(baselineFrom), baselineWindows, baseline.articles(),
                found.baselineMean(), found.shift(), found.zScore(), settings.alerts().zThreshold(),
                found.direction(), evidence, records.storyOf(faction))));
    }
}
