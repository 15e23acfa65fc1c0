package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.ArticleMissedWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What an original or a copy does to the windows, decided without a processor: hour and day windows, an hour's grace. */
class OriginalCountingTest {

    private static final AggregateSettings SETTINGS = AggregateSettings.defaults().withGrace(Duration.ofHours(1));
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String PUBLISHED = "2024-05-01T12:30:00Z";
    private static final long EVENT_TIME = Instant.parse(PUBLISHED).toEpochMilli();
    private static final long TIMESTAMP = 42L;

    private final OriginalCounting counting = new OriginalCounting(List.of(HOUR, DAY), new WindowRecords(SETTINGS,
            null));
    /** The originals store. */
    private final Map<String, OriginalSeen> originals = new HashMap<>();

    @Test
    void shouldCountAnOriginalInEveryOpenWindowSizeWithTheCopiesSeenBeforeIt() {
        originals.put("a1", OriginalSeen.unseen().withCopy("转载日报"));
        Contribution article = original(0.5);

        // stream time at the article: [12:00,13:00) and [05-01,05-02) both open
        OriginalCounting.Counted counted = counting.original(article, EVENT_TIME, EVENT_TIME, TIMESTAMP,
                originals::get);

        assertEquals(new OriginalCounting.Counted(new UnpublishedCount(TIMESTAMP,
                        new UnpublishedCount.OriginalCounted(article, EVENT_TIME, List.of(HOUR, DAY), 1,
                                List.of("转载日报")), null),
                List.of(Map.entry("a1", new OriginalSeen(EVENT_TIME, 1, List.of("转载日报"), List.of(HOUR, DAY),
                        List.of("safety"), List.of(), article))), null), counted);
    }

    @Test
    void shouldCountAnOriginalOnlyInTheWindowSizesStillOpen() {
        Contribution article = original(0.5);

        // stream time 14:30: the hour window closed at 14:00 (end + grace), the day window is open
        OriginalCounting.Counted counted = counting.original(article, EVENT_TIME, EVENT_TIME + 2 * HOUR, TIMESTAMP,
                originals::get);

        assertEquals(new OriginalCounting.Counted(new UnpublishedCount(TIMESTAMP,
                        new UnpublishedCount.OriginalCounted(article, EVENT_TIME, List.of(DAY), 0, List.of()), null),
                List.of(Map.entry("a1", new OriginalSeen(EVENT_TIME, 0, List.of(), List.of(DAY), List.of("safety"),
                        List.of(), article))), null), counted);
    }

    @Test
    void shouldReportAnOriginalLateOnlyWhenNoWindowSizeCountsIt() {
        Contribution article = original(0.5);
        long now = Instant.parse("2024-05-03T00:00:00Z").toEpochMilli();

        // stream time 05-03: the day window closed at 05-02T01:00, so no window counts it
        OriginalCounting.Counted counted = counting.original(article, EVENT_TIME, now, TIMESTAMP, originals::get);

        assertEquals(new OriginalCounting.Counted(null,
                List.of(Map.entry("a1", new OriginalSeen(EVENT_TIME, 0, List.of(), List.of(), List.of("safety"),
                        List.of(), article))),
                new ArticleMissedWindow(ArticleMissedWindow.SCHEMA_VERSION, "a1", "标题", "示例日报", PUBLISHED, null,
                        ArticleMissedWindow.AFTER_GRACE, "its P1D window closed at 2024-05-02T01:00:00Z (window end"
                        + " + grace) and stream time is 2024-05-03T00:00:00Z", PUBLISHED, "2024-05-03T00:00:00Z",
                        "P1D", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z", "2024-05-02T01:00:00Z")), counted);
    }

    @Test
    void shouldNotCountAnOriginalWithdrawnBeforeAnyWindowCountedIt() {
        Contribution withdrawn = new Contribution("a1", "标题", "示例日报", PUBLISHED, null, new TreeMap<>(),
                new TreeMap<>(), 0, true);

        assertEquals(OriginalCounting.Counted.nothing(),
                counting.original(withdrawn, EVENT_TIME, EVENT_TIME, TIMESTAMP, originals::get));
    }

    @Test
    void shouldReplaceAnEarlierVersionOnlyInTheWindowsStillOpen() {
        Contribution earlier = original(0.5);
        Contribution corrected = original(-0.4);
        OriginalSeen seen = new OriginalSeen(EVENT_TIME, 2, List.of("转载日报"), List.of(HOUR, DAY), List.of("safety"),
                List.of(), earlier);
        originals.put("a1", seen);

        // stream time 14:30: only the day window still takes the correction
        OriginalCounting.Counted counted = counting.original(corrected, EVENT_TIME, EVENT_TIME + 2 * HOUR,
                TIMESTAMP, originals::get);

        assertEquals(new OriginalCounting.Counted(new UnpublishedCount(TIMESTAMP, null, null,
                        new UnpublishedCount.OriginalReplaced(earlier, corrected, EVENT_TIME, List.of(DAY), 2,
                                List.of("转载日报"))),
                List.of(Map.entry("a1", seen.countedAs(corrected))), null), counted);
    }

    @Test
    void shouldChangeNothingForAVersionTheWindowsCountTheSame() {
        Contribution earlier = original(0.5);
        originals.put("a1", new OriginalSeen(EVENT_TIME, 0, List.of(), List.of(HOUR, DAY), List.of("safety"),
                List.of(), earlier));

        // the same article again, through another partition (a replayed upstream stage that decided the same)
        assertEquals(OriginalCounting.Counted.nothing(), counting.original(earlier.fromPartition(3), EVENT_TIME,
                EVENT_TIME, TIMESTAMP, originals::get));
    }

    @Test
    void shouldAddACopyToTheOpenWindowsOfItsOriginalOnce() {
        OriginalSeen seen = new OriginalSeen(EVENT_TIME, 0, List.of(), List.of(HOUR, DAY), List.of("safety"),
                List.of(), original(0.5));
        originals.put("a1", seen);
        Contribution copy = copy();

        // stream time 14:30: the copy adds to the reach of the original's day window only
        OriginalCounting.Counted counted = counting.copy(copy, EVENT_TIME, EVENT_TIME + 2 * HOUR, TIMESTAMP,
                originals::get);

        assertEquals(new OriginalCounting.Counted(new UnpublishedCount(TIMESTAMP, null,
                        new UnpublishedCount.CopyCounted("a1", "转载日报", EVENT_TIME, List.of(DAY), List.of("safety"),
                                List.of(), null)),
                List.of(Map.entry(OriginalCounting.COUNTED_COPY_PREFIX + "c1", OriginalSeen.copyMark("a1")),
                        Map.entry("a1", seen.withCopy("转载日报"))), null), counted);
        // the copy's second record, once its mark is stored
        counted.seen().forEach(entry -> originals.put(entry.getKey(), entry.getValue()));
        assertEquals(OriginalCounting.Counted.nothing(),
                counting.copy(copy, EVENT_TIME, EVENT_TIME + 2 * HOUR, TIMESTAMP, originals::get));
    }

    @Test
    void shouldLeaveACopyToItsOriginalWhenTheOriginalHasNotArrived() {
        OriginalCounting.Counted counted = counting.copy(copy(), EVENT_TIME, EVENT_TIME, TIMESTAMP, originals::get);

        assertEquals(new OriginalCounting.Counted(null,
                List.of(Map.entry(OriginalCounting.COUNTED_COPY_PREFIX + "c1", OriginalSeen.copyMark("a1")),
                        Map.entry("a1", OriginalSeen.unseen().withCopy("转载日报"))), null), counted);
    }

    @Test
    void shouldReportACopyLateWhenEveryWindowOfItsOriginalHasClosed() {
        OriginalSeen seen = new OriginalSeen(EVENT_TIME, 0, List.of(), List.of(HOUR, DAY), List.of("safety"),
                List.of(), original(0.5));
        originals.put("a1", seen);
        long now = Instant.parse("2024-05-03T00:00:00Z").toEpochMilli();

        // stream time 05-03: the original's day window closed at 05-02T01:00, its hour window before; the copy's own
        // day (05-02T23:00) is still open, so it is judged by its original
        OriginalCounting.Counted counted = counting.copy(copy(), now - HOUR, now, TIMESTAMP, originals::get);

        assertEquals(new OriginalCounting.Counted(null,
                List.of(Map.entry(OriginalCounting.COUNTED_COPY_PREFIX + "c1", OriginalSeen.copyMark("a1")),
                        Map.entry("a1", seen.withCopy("转载日报"))),
                new ArticleMissedWindow(ArticleMissedWindow.SCHEMA_VERSION, "c1", "标题", "转载日报", PUBLISHED, "a1",
                        ArticleMissedWindow.AFTER_GRACE, "a copy of a1, whose P1D window closed at "
                        + "2024-05-02T01:00:00Z (window end + grace); stream time is 2024-05-03T00:00:00Z",
                        PUBLISHED, "2024-05-03T00:00:00Z", "P1D", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z",
                        "2024-05-02T01:00:00Z")), counted);
    }

    @Test
    void shouldReportACopyLateAndKeepNothingWhenNoOriginalIsHeldAndItsOwnWindowsHaveClosed() {
        long now = Instant.parse("2024-05-03T00:00:00Z").toEpochMilli();

        // no a1 held (pruned, or never seen) and stream time 05-03 is past the copy's own day window (05-02T01:00)
        OriginalCounting.Counted counted = counting.copy(copy(), EVENT_TIME, now, TIMESTAMP, originals::get);

        assertEquals(new OriginalCounting.Counted(null, List.of(),
                new ArticleMissedWindow(ArticleMissedWindow.SCHEMA_VERSION, "c1", "标题", "转载日报", PUBLISHED, "a1",
                        ArticleMissedWindow.AFTER_GRACE, "a copy of a1, whose original no open window holds: its own"
                        + " P1D window closed at 2024-05-02T01:00:00Z (window end + grace) and stream time is"
                        + " 2024-05-03T00:00:00Z",
                        PUBLISHED, "2024-05-03T00:00:00Z", "P1D", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z",
                        "2024-05-02T01:00:00Z")), counted);
    }

    private static Contribution original(double score) {
        TreeMap<String, Portrayal> factions = new TreeMap<>();
        factions.put("safety", new Portrayal(score, score > 0 ? "pos" : "neg", 1));
        return new Contribution("a1", "标题", "示例日报", PUBLISHED, null, factions, new TreeMap<>(), 0);
    }

    private static Contribution copy() {
        return new Contribution("c1", "标题", "转载日报", PUBLISHED, "a1", new TreeMap<>(), new TreeMap<>(), 0);
    }
}
