package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimHashIndexTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final NearDuplicateSettings SETTINGS = NearDuplicateSettings.defaults();

    @Test
    void shouldLookAtAsManyCandidatesAfterTwoYearsOfHistoryAsAfterOneMonth() {
        SimHashIndex index = new SimHashIndex(SETTINGS);
        Random random = new Random(7);
        int perDay = 200;
        double afterOneMonth = 0;
        double afterTwoYears = 0;
        for (int day = 0; day < 730; day++) {
            long candidates = 0;
            for (int i = 0; i < perDay; i++) {
                long time = day * DAY + random.nextInt((int) DAY);
                long fingerprint = random.nextLong();
                String id = day + "-" + i;
                candidates += index.closest(id, fingerprint, time).candidates();
                index.add(new SimHashIndex.Original(id, fingerprint, time));
            }
            if (day == 30) {
                afterOneMonth = candidates / (double) perDay;
            }
            if (day == 729) {
                afterTwoYears = candidates / (double) perDay;
            }
        }
        // 8 bands of 256 values; the bucket and the one before it hold 7 to 14 days of 200 articles
        assertTrue(afterOneMonth > 30 && afterOneMonth < 100, "after a month " + afterOneMonth);
        assertTrue(Math.abs(afterTwoYears - afterOneMonth) < 0.25 * afterOneMonth,
                "after a month " + afterOneMonth + ", after two years " + afterTwoYears);
    }

    @Test
    void shouldCapCandidatesOnADayWithFarMoreNewsThanUsual() {
        SimHashIndex index = new SimHashIndex(SETTINGS.withMaxPerBand(4));
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            index.add(new SimHashIndex.Original("a" + i, random.nextLong(), DAY + random.nextInt((int) DAY)));
        }
        int candidates = index.closest("new", random.nextLong(), DAY).candidates();
        // each of 8 bands has one list of at most 4 in the one bucket that holds anything
        assertTrue(candidates <= 8 * 4, "candidates " + candidates);
    }

    @Test
    void shouldFindTheClosestOriginalWithinTheHorizonAndNoneBeyondIt() {
        SimHashIndex index = new SimHashIndex(SETTINGS);
        long fingerprint = 0x0123456789abcdefL;
        long week = SETTINGS.horizon().toMillis();
        index.add(new SimHashIndex.Original("two-bits", fingerprint ^ 0b11, 100 * DAY));
        index.add(new SimHashIndex.Original("one-bit", fingerprint ^ 0b100, 100 * DAY + 3 * DAY));
        index.add(new SimHashIndex.Original("far", fingerprint ^ 0xff00000000000000L, 100 * DAY));

        SimHashIndex.Match match = index.closest("copy", fingerprint, 100 * DAY + DAY);
        assertEquals("one-bit", match.original().id());
        assertEquals(1, match.distance());
        assertEquals("two-bits", index.closest("copy", fingerprint, 100 * DAY - week).original().id());
        assertNull(index.closest("copy", fingerprint, 100 * DAY - week - 1).original());
        assertNull(index.closest("one-bit", fingerprint ^ 0b100, 100 * DAY + 3 * DAY + week + 1).original());

        index.dropBefore(index.bucketStart(100 * DAY + 3 * DAY) + 2 * week);
        assertNull(index.closest("copy", fingerprint, 100 * DAY + DAY).original());
    }
}
