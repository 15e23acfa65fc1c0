package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamTimeTest {

    @Test
    void shouldFollowTheSlowestPartitionHeardFrom() {
        StreamTime time = StreamTime.start()
                .advance(0, 100)   // partition 0 at 100: stream time 100
                .advance(1, 40)    // partition 1 behind at 40: stream time stays 100, it never goes back
                .advance(0, 500)   // partition 0 runs ahead: the slowest is still 40, stream time stays 100
                .advance(1, 300);  // partition 1 catches up to 300: stream time 300

        assertEquals(300, time.streamTime());
        assertEquals(Map.of(0, 500L, 1, 300L), time.partitions());
    }

    @Test
    void shouldNotLetAPartitionRunAheadOfTheOthers() {
        StreamTime time = StreamTime.start().advance(0, 10).advance(1, 10).advance(2, 10)
                .advance(0, 1_000_000);

        assertEquals(10, time.streamTime());
        assertEquals(20, time.advance(1, 20).advance(2, 30).streamTime());
    }

    @Test
    void shouldStartBeforeEveryEventTime() {
        assertEquals(-1, StreamTime.start().streamTime());
        assertEquals(7, StreamTime.start().advance(3, 7).streamTime());
        assertEquals(7, StreamTime.start().advance(3, 7).advance(3, 2).streamTime());
    }

    @Test
    void shouldWaitForEveryPartitionWhenTheirNumberIsKnown() {
        StreamTime time = StreamTime.start().advance(0, 500, 2).advance(0, 900, 2);

        assertEquals(-1, time.streamTime());
        assertEquals(40, time.advance(1, 40, 2).streamTime());
    }

    @Test
    void shouldNotWaitMoreThanADayForAPartitionThatStaysSilent() {
        long day = 86_400_000L;
        StreamTime time = StreamTime.start().advance(0, 10 * day, 3).advance(2, 10 * day + 5, 3);

        assertEquals(9 * day + 5, time.streamTime(), "partition 1 never heard from: a day behind the fastest");
        assertEquals(9 * day + 5, time.advance(1, 3 * day, 3).streamTime(), "nor a partition far behind");
        assertEquals(10 * day, time.advance(1, 11 * day, 3).streamTime(), "within a day: the slowest again");
    }
}
