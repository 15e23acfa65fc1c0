package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window states a kept count produces, computed without a processor: day windows, entities published in them. */
class WindowUpdatesTest {

    private static final AggregateSettings DAILY = new AggregateSettings(Duration.ofDays(1), Duration.ofDays(7));
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long MAY_1 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    private static final EventWindow MAY_1_DAY = new EventWindow(DAY, MAY_1);

    private final WindowUpdates updates = new WindowUpdates(DAILY);
    /** The open windows, by store key. */
    private final Map<String, WindowState> open = new HashMap<>();

    @Test
    void shouldAddACopyToTheReachOfEachWindowOfItsOriginal() {
        String safety = WindowKeys.storeKey(MAY_1_DAY, WindowKeys.FACTION, "safety");
        String coverage = WindowKeys.storeKey(MAY_1_DAY, WindowKeys.COVERAGE, WindowKeys.COVERAGE_TARGET);
        open.put(coverage, new WindowState(null, CoverageTally.empty().addCopy("早报")));
        // a copy of a1 (counted in [05-01, 05-02), faction safety, entity 张三) from 转载日报
        UnpublishedCount count = new UnpublishedCount(42L, null, new UnpublishedCount.CopyCounted("a1", "转载日报",
                MAY_1 + 1000, List.of(DAY), List.of("safety"), List.of("张三")));

        assertEquals(List.of(
                        new WindowUpdates.Update(safety, new WindowState(SentimentTally.empty().addCopy("a1"), null)),
                        new WindowUpdates.Update(WindowKeys.storeKey(MAY_1_DAY, WindowKeys.ENTITY, "张三"),
                                new WindowState(SentimentTally.empty().addCopy("a1"), null)),
                        new WindowUpdates.Update(coverage, new WindowState(null,
                                CoverageTally.empty().addCopy("早报").addCopy("转载日报")))),
                updates.of(count, open::get));
    }
}
