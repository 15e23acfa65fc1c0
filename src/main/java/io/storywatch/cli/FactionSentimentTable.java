package io.storywatch.cli;

import io.storywatch.event.FactionSentimentWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The demo's view of news.faction-sentiment: the latest value of each faction's windows, as rows of text. */
final class FactionSentimentTable {

    private static final String FORMAT = "%-13s %-23s %8s %8s %10s %13s";
    private static final Comparator<FactionSentimentWindow> ORDER = Comparator
            .comparing(FactionSentimentWindow::windowStart).thenComparing(FactionSentimentWindow::faction);

    private final Map<String, FactionSentimentWindow> latest = new TreeMap<>();

    /** Keeps the newest value of a window; an update replaces the older one. */
    void update(FactionSentimentWindow window) {
        latest.put(window.faction() + "@" + window.windowStart(), window);
    }

    int windows() {
        return latest.size();
    }

    /** The header and, oldest window first, the last {@code maxRows} windows; earlier ones are counted. */
    List<String> render(int maxRows) {
        List<FactionSentimentWindow> rows = latest.values().stream().sorted(ORDER).toList();
        List<String> lines = new ArrayList<>();
        lines.add(header());
        int hidden = Math.max(0, rows.size() - maxRows);
        if (hidden > 0) {
            lines.add("(" + hidden + " earlier window" + (hidden == 1 ? "" : "s") + " not shown)");
        }
        rows.subList(hidden, rows.size()).forEach(w -> lines.add(row(w)));
        return lines;
    }

    static String header() {
        return String.format(FORMAT, "FACTION", "WINDOW", "ARTICLES", "MENTIONS", "MEAN", "POS/NEG/NEU");
    }

    static String row(FactionSentimentWindow w) {
        return String.format(FORMAT, w.faction(), window(w.windowStart(), w.windowEnd()), w.articles(), w.mentions(),
                String.format("%+.3f", w.meanScore()), w.pos() + "/" + w.neg() + "/" + w.neu());
    }

    /** A UTC day window reads as its date; any other window as start..end. */
    static String window(String start, String end) {
        try {
            Instant from = Instant.parse(start);
            Instant to = Instant.parse(end);
            if (Duration.between(from, to).equals(Duration.ofDays(1))
                    && from.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0) {
                return from.atZone(ZoneOffset.UTC).toLocalDate().toString();
            }
        } catch (RuntimeException e) {
            // not ISO-8601: show as given
        }
        return start + ".." + end;
    }
}
