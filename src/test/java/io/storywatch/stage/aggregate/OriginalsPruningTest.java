package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** When an original's record may go, decided without a store: hour windows with a 7-day grace, days with 30 days. */
class OriginalsPruningTest {

    private static final AggregateSettings SETTINGS = AggregateSettings.defaults().withDayGrace(Duration.ofDays(30));
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final String PUBLISHED = "2024-05-01T12:30:00Z";
    private static final long EVENT_TIME = Instant.parse(PUBLISHED).toEpochMilli();
    /** The close of the last window holding 05-01T12:30: its day's, 05-02 + 30 days. */
    private static final long LAST_CLOSE = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();

    private final WindowRecords records = new WindowRecords(SETTINGS, null);

    @Test
    void shouldKeepAnOriginalUntilStreamTimeReachesTheCloseOfItsLastWindow() {
        OriginalSeen seen = original(EVENT_TIME, PUBLISHED);

        // the hour window closed on 05-08; the day window takes articles while its end + grace > stream time
        assertFalse(OriginalsPruning.expired(seen, records, LAST_CLOSE - 1));
        assertTrue(OriginalsPruning.expired(seen, records, LAST_CLOSE));
    }

    @Test
    void shouldJudgeAClampedOriginalByItsPublishedAtWhichALaterVersionMayCountAt() {
        // publishedAt 05-01T12:30 was clamped to a record timestamp of 04-30T23:00: a correction, stamped later,
        // counts at 05-01T12:30, in the day of 05-01, which closes a day after the day of 04-30
        OriginalSeen clamped = original(Instant.parse("2024-04-30T23:00:00Z").toEpochMilli(), PUBLISHED);

        assertEquals(OptionalLong.of(EVENT_TIME), OriginalsPruning.latestEventTime(clamped));
        assertFalse(OriginalsPruning.expired(clamped, records, LAST_CLOSE - DAY));
        assertTrue(OriginalsPruning.expired(clamped, records, LAST_CLOSE));
    }

    @Test
    void shouldKeepWhatHasNoBoundedEventTime() {
        long longAfter = LAST_CLOSE + 10_000 * DAY;
        // undated: a later version counts at its own record timestamp
        assertFalse(OriginalsPruning.expired(original(EVENT_TIME, null), records, longAfter));
        // written before versions were kept: its publishedAt is not known
        assertFalse(OriginalsPruning.expired(new OriginalSeen(EVENT_TIME, 0, List.of(), List.of(HOUR, DAY),
                List.of("safety"), List.of(), null), records, longAfter));
        // only copies seen so far: the original's event time is not known
        assertFalse(OriginalsPruning.expired(OriginalSeen.unseen().withCopy("转载日报"), records, longAfter));
        // a copy's mark goes with its original, not by time
        assertFalse(OriginalsPruning.expired(OriginalSeen.copyMark("a1"), records, longAfter));
    }

    @Test
    void shouldReadAMarkWrittenBeforeMarksNamedTheirOriginalAsOneThatIsNeverPruned() {
        Serde<OriginalSeen> serde = JsonSerde.of(OriginalSeen.class);
        byte[] old = ("{\"eventTime\":null,\"copies\":0,\"copySources\":[],\"countedSizes\":[],\"factions\":[],"
                + "\"entities\":[],\"counted\":null}").getBytes(StandardCharsets.UTF_8);

        OriginalSeen legacy = serde.deserializer().deserialize("t", old);
        assertEquals(OriginalSeen.unseen(), legacy);
        // a pass takes it for an original that has not arrived, and keeps it
        assertFalse(OriginalsPruning.expired(legacy, records, LAST_CLOSE + 10_000 * DAY));
        assertEquals(OriginalSeen.copyMark("a1"),
                serde.deserializer().deserialize("t", serde.serializer().serialize("t", OriginalSeen.copyMark("a1"))));
    }

    private static OriginalSeen original(long eventTime, String publishedAt) {
        TreeMap<String, Portrayal> factions = new TreeMap<>();
        factions.put("safety", new Portrayal(0.5, "pos", 1));
        Contribution counted = new Contribution("a1", "标题", "示例日报", publishedAt, null, factions, new TreeMap<>(),
                0);
        return new OriginalSeen(eventTime, 0, List.of(), List.of(HOUR, DAY), List.of("safety"), List.of(), counted);
    }
}
