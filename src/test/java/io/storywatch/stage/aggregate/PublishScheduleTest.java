package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which changed windows a publish tick writes: live interval 1 s, past interval 10 s, ticks at wall-clock times. */
class PublishScheduleTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long MAY_1 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    /** The day window [05-01, 05-02) of faction safety, and its neighbour of 05-02. */
    private static final String MAY_1_SAFETY = WindowKeys.storeKey(new EventWindow(DAY, MAY_1), WindowKeys.FACTION,
            "safety");
    private static final String MAY_2_SAFETY = WindowKeys.storeKey(new EventWindow(DAY, MAY_1 + DAY),
            WindowKeys.FACTION, "safety");
    /** Stream time within 05-01: both windows are live. */
    private static final long LIVE = MAY_1 + 1000;
    /** Stream time within 05-02: the window of 05-01 is past. */
    private static final long PAST = MAY_1 + DAY + 1000;

    private final PublishSchedule schedule = new PublishSchedule(1_000, 10_000);

    @Test
    void shouldWriteAChangedWindowAtTheNextTickThenAtMostOnceEveryPublishInterval() {
        change(MAY_1_SAFETY, 11);
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 11)), schedule.tick(100, LIVE));
        // changed twice more within the interval: held back, then written once with the last article's timestamp
        change(MAY_1_SAFETY, 12);
        assertEquals(List.of(), schedule.tick(600, LIVE));
        change(MAY_1_SAFETY, 13);
        assertEquals(List.of(), schedule.tick(1_050, LIVE));
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 13)), schedule.tick(1_100, LIVE));
        // nothing changed since
        assertEquals(List.of(), schedule.tick(2_100, LIVE));
    }

    @Test
    void shouldWriteAPastWindowAtMostOnceEveryPastInterval() {
        change(MAY_1_SAFETY, 11);
        change(MAY_2_SAFETY, 21);
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 11), new PublishSchedule.Write(MAY_2_SAFETY, 21)),
                schedule.tick(100, PAST));
        // a backfill keeps changing both: the live window of 05-02 is written every second, the past one is not
        change(MAY_1_SAFETY, 12);
        change(MAY_2_SAFETY, 22);
        assertEquals(List.of(new PublishSchedule.Write(MAY_2_SAFETY, 22)), schedule.tick(1_100, PAST));
        change(MAY_1_SAFETY, 13);
        assertEquals(List.of(), schedule.tick(5_100, PAST));
        change(MAY_1_SAFETY, 14);
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 14)), schedule.tick(10_100, PAST));
    }

    @Test
    void shouldWriteAPastWindowAsALiveOneOnceNoRecordCameForAPublishInterval() {
        change(MAY_1_SAFETY, 11);
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 11)), schedule.tick(100, PAST));
        change(MAY_1_SAFETY, 12);
        // the last record of the backfill came before this tick: not quiet yet, the past interval holds
        assertEquals(List.of(), schedule.tick(1_100, PAST));
        // the first tick with no record since the last one starts the quiet at 1.15 s
        assertEquals(List.of(), schedule.tick(1_150, PAST));
        assertEquals(List.of(), schedule.tick(2_100, PAST));
        // quiet for a publish interval: the window is written as a live one, not 10 s after its last write
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 12)), schedule.tick(2_150, PAST));
    }

    @Test
    void shouldWriteEveryChangedWindowBeforeFinalRecordsWhenEverItWasWritten() {
        change(MAY_2_SAFETY, 21);
        change(MAY_1_SAFETY, 11);
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 11), new PublishSchedule.Write(MAY_2_SAFETY, 21)),
                schedule.tick(100, LIVE));
        change(MAY_1_SAFETY, 12);

        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 12)), schedule.all());
        // written already: nothing left for the next tick
        assertEquals(List.of(), schedule.tick(1_100, LIVE));
    }

    @Test
    void shouldNotHoldBackTheFirstWriteOfAWindowClosedMeanwhile() {
        change(MAY_1_SAFETY, 11);
        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 11)), schedule.tick(100, LIVE));
        schedule.closed(MAY_1_SAFETY);
        change(MAY_1_SAFETY, 12);

        assertEquals(List.of(new PublishSchedule.Write(MAY_1_SAFETY, 12)), schedule.tick(150, LIVE));
    }

    /** An article with this record timestamp changes the window. */
    private void change(String key, long timestamp) {
        schedule.recordArrived();
        schedule.changed(key, timestamp);
    }
}
