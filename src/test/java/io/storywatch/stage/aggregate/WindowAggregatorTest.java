package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.json.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The aggregator fed from several scored partitions, which a topology test driver cannot do, and restarted on its
 * stores between an article and the next publication.
 */
class WindowAggregatorTest {

    private static final AggregateSettings DAILY = new AggregateSettings(Duration.ofDays(1), Duration.ofDays(7));
    private static final WindowAggregator.AggregateStores STORES = new WindowAggregator.AggregateStores("time",
            "windows", "originals", "history", "unpublished");

    /** Wall-clock time for the punctuators: a publish interval further at every publication. */
    private static final AtomicLong CLOCK = new AtomicLong();

    private final MockProcessorContext<String, Object> context = contextWithStores();
    private final WindowAggregator aggregator = started(DAILY, context);

    @Test
    void shouldNotCountAnArticleLateBecauseAnotherPartitionRanAhead() {
        // partition 0 and 1 both at 05-01: stream time 05-01
        process(0, "p0-a", "2024-05-01T12:00:00Z");
        process(1, "p1-a", "2024-05-01T13:00:00Z");
        // partition 0 runs ahead, by less than StreamTime.IDLE_PARTITION_LAG (a day); partition 1, still at 05-01,
        // holds stream time back
        process(0, "p0-b", "2024-05-02T11:00:00Z");
        // partition 1's next article, in order in its own partition: counted
        process(1, "p1-b", "2024-05-02T12:00:00Z");

        List<Object> forwarded = context.forwarded().stream().map(r -> (Object) r.record().value()).toList();
        assertEquals(List.of("2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z",
                        "2024-05-02T00:00:00Z"),
                forwarded.stream().filter(FactionSentimentWindow.class::isInstance)
                        .map(v -> ((FactionSentimentWindow) v).windowStart()).toList());
        assertEquals(List.of(), forwarded.stream().filter(ArticleMissedWindow.class::isInstance).toList());
    }

    @Test
    void shouldNotStartStreamTimeBeforeEveryKnownPartitionHasSpoken() {
        MockProcessorContext<String, Object> twoPartitions = contextWithStores();
        WindowAggregator knowingTwoPartitions = started(DAILY.withScoredPartitions(2), twoPartitions);
        // partition 0 alone runs three weeks ahead; partition 1's first article, from 05-01, still counts
        process(knowingTwoPartitions, twoPartitions, 0, "p0-a", "2024-05-01T12:00:00Z");
        process(knowingTwoPartitions, twoPartitions, 0, "p0-b", "2024-05-22T12:00:00Z");
        process(knowingTwoPartitions, twoPartitions, 1, "p1-a", "2024-05-01T13:00:00Z");

        assertEquals(List.of("2024-05-01T00:00:00Z", "2024-05-22T00:00:00Z", "2024-05-01T00:00:00Z"),
                twoPartitions.forwarded().stream().map(r -> (Object) r.record().value())
                        .filter(FactionSentimentWindow.class::isInstance)
                        .map(v -> ((FactionSentimentWindow) v).windowStart()).toList());
    }

    @Test
    void shouldCountAnArticleLateWhenItIsBehindItsOwnPartitionBeyondGrace() {
        process(0, "p0-a", "2024-05-01T12:00:00Z");
        process(1, "p1-a", "2024-05-20T12:00:00Z");
        // partition 0 moves to 05-21: stream time 05-20T12:00
        process(0, "p0-b", "2024-05-21T12:00:00Z");
        // 05-10 is 11 days behind partition 1's 05-20 and partition 0's 05-21: its window closed at 05-18
        process(1, "p1-b", "2024-05-10T12:00:00Z");

        List<Object> late = context.forwarded().stream().map(r -> (Object) r.record().value())
                .filter(ArticleMissedWindow.class::isInstance).toList();
        assertEquals(1, late.size());
        ArticleMissedWindow missed = (ArticleMissedWindow) late.get(0);
        assertEquals(List.of("p1-b", "AFTER_GRACE", "2024-05-20T12:00:00Z", "2024-05-18T00:00:00Z"),
                List.of(missed.id(), missed.reason(), missed.streamTime(), missed.windowClosedAt()));
    }

    @Test
    void shouldWriteCountsKeptBeforeARestartAndCloseWindowsAsAnUninterruptedRunDoes() {
        // uninterrupted: [05-01): a1, a2; [05-02): a3; a4 on 05-20 closes both
        MockProcessorContext<String, Object> uninterrupted = contextWithStores();
        WindowAggregator once = started(DAILY, uninterrupted);
        once.process(article(0, "a1", "2024-05-01T01:00:00Z", 0.5));
        publish(uninterrupted);
        once.process(article(0, "a2", "2024-05-01T02:00:00Z", -0.3));
        once.process(article(0, "a3", "2024-05-02T03:00:00Z", 0.1));
        once.process(article(0, "a4", "2024-05-20T00:00:00Z", 0.9));
        List<FactionSentimentWindow> expectedFinals = factionWindows(uninterrupted).stream()
                .filter(FactionSentimentWindow::isFinal).toList();

        // the same articles, but a1 reaches the window store (a checkpoint), and the stage stops after a3, before a2
        // and a3 were written anywhere but in the kept counts; it starts again on its stores (as a restart restores
        // them from the changelogs)
        MockProcessorContext<String, Object> restarted = contextWithStores();
        WindowAggregator before = started(DAILY, restarted);
        before.process(article(0, "a1", "2024-05-01T01:00:00Z", 0.5));
        publish(restarted, 0L);
        publish(restarted, WindowAggregator.CHECKPOINT_INTERVAL_MS);
        before.process(article(0, "a2", "2024-05-01T02:00:00Z", -0.3));
        before.process(article(0, "a3", "2024-05-02T03:00:00Z", 0.1));
        before.close();
        restarted.resetForwards();
        WindowAggregator after = new WindowAggregator(DAILY, STORES);
        after.init(restarted);
        after.process(article(0, "a4", "2024-05-20T00:00:00Z", 0.9));

        List<FactionSentimentWindow> afterRestart = factionWindows(restarted);
        // [05-01) (a1 from the store, a2 kept) and [05-02) (a3) are written open before the finals, which are those of
        // the uninterrupted run
        assertEquals(List.of(List.of("2024-05-01T00:00:00Z", false, 2L), List.of("2024-05-02T00:00:00Z", false, 1L),
                        List.of("2024-05-20T00:00:00Z", false, 1L), List.of("2024-05-01T00:00:00Z", true, 2L),
                        List.of("2024-05-02T00:00:00Z", true, 1L)),
                afterRestart.stream().map(w -> List.of(w.windowStart(), w.isFinal(), w.articles())).toList());
        assertEquals(2, expectedFinals.size());
        assertEquals(expectedFinals, afterRestart.stream().filter(FactionSentimentWindow::isFinal).toList());
    }

    @Test
    void shouldCountACopyOnceWhenItsRecordComesAgain() {
        process(0, "original", "2024-05-01T12:00:00Z");
        Record<String, Contribution> copy = copy("copy-1", "original", "2024-05-01T12:00:00Z");
        aggregator.process(copy);
        publish(context);
        // a replay of score writes every scored record again, the copy's included
        aggregator.process(copy);
        publish(context);

        List<FactionSentimentWindow> windows = factionWindows(context);
        FactionSentimentWindow latest = windows.get(windows.size() - 1);
        assertEquals(List.of(1L, 1L, 2L), List.of(latest.articles(), latest.copies(), latest.reach()));
    }

    @Test
    void shouldWriteAWindowStreamTimeHasPassedAtMostOncePerPastPublishInterval() {
        MockProcessorContext<String, Object> on = contextWithStores();
        WindowAggregator backfilling = started(DAILY, on);
        long start = 1_000_000;
        backfilling.process(article(0, "news", "2024-05-10T12:00:00Z", 0.5)); // stream time 05-10T12:00
        publish(on, start);
        backfilling.process(article(0, "archive-1", "2024-05-03T12:00:00Z", 0.5)); // a window stream time passed
        publish(on, start + 1_000); // its first change: written at once
        backfilling.process(article(0, "archive-2", "2024-05-03T13:00:00Z", -0.5));
        publish(on, start + 2_000); // a second later: a live window would be written, a past one waits
        backfilling.process(article(0, "news-2", "2024-05-10T13:00:00Z", 0.5));
        publish(on, start + 3_000); // the live window, a second after it was last written: written
        publish(on, start + 10_999);
        publish(on, start + 11_000); // 10 s after the past window was last written

        assertEquals(List.of("2024-05-10T00:00:00Z 1", "2024-05-03T00:00:00Z 1", "2024-05-10T00:00:00Z 2",
                        "2024-05-03T00:00:00Z 2"),
                factionWindows(on).stream().map(w -> w.windowStart() + " " + w.articles()).toList());
        assertEquals(AggregateSettings.DEFAULT_PAST_PUBLISH_INTERVAL, DAILY.pastPublishInterval());
    }

    @Test
    void shouldWriteAPastWindowAsALiveOneOnceNoRecordHasComeForAPublishInterval() {
        MockProcessorContext<String, Object> on = contextWithStores();
        WindowAggregator backfilling = started(DAILY, on);
        long start = 1_000_000;
        backfilling.process(article(0, "news", "2024-05-10T12:00:00Z", 0.5));
        publish(on, start);
        backfilling.process(article(0, "archive-1", "2024-05-03T12:00:00Z", 0.5));
        publish(on, start + 1_000);
        backfilling.process(article(0, "archive-2", "2024-05-03T13:00:00Z", -0.5));
        publish(on, start + 2_000); // records still coming: the past window waits
        publish(on, start + 2_050); // none came since the last tick: quiet from here
        publish(on, start + 3_049);
        int beforeQuietInterval = factionWindows(on).size();
        publish(on, start + 3_050); // quiet for a publish interval: the backfill has ended

        assertEquals(2, beforeQuietInterval);
        assertEquals(List.of("2024-05-10T00:00:00Z 1", "2024-05-03T00:00:00Z 1", "2024-05-03T00:00:00Z 2"),
                factionWindows(on).stream().map(w -> w.windowStart() + " " + w.articles()).toList());
    }

    @Test
    void shouldRefuseAPastPublishIntervalShorterThanThePublishInterval() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DAILY.withPastPublishInterval(Duration.ofMillis(500)));
        assertTrue(refused.getMessage().contains("pastPublishInterval"), refused.getMessage());
    }

    private static Record<String, Contribution> copy(String id, String originalId, String publishedAt) {
        Contribution copy = new Contribution(id, "标题", "转载日报", publishedAt, originalId, new TreeMap<>(),
                new TreeMap<>(), 0);
        return new Record<>(id, copy, Instant.parse(publishedAt).toEpochMilli());
    }

    private void process(int partition, String id, String publishedAt) {
        process(aggregator, context, partition, id, publishedAt);
    }

    /** Processes one article and lets a publish interval pass. */
    private static void process(WindowAggregator target, MockProcessorContext<String, Object> on, int partition,
                                String id, String publishedAt) {
        target.process(article(partition, id, publishedAt, 0.5));
        publish(on);
    }

    private static Record<String, Contribution> article(int partition, String id, String publishedAt, double score) {
        TreeMap<String, Portrayal> factions = new TreeMap<>();
        factions.put("safety", new Portrayal(score, score > 0 ? "pos" : "neg", 1));
        Contribution article = new Contribution(id, "标题", "示例日报", publishedAt, null, factions, new TreeMap<>(),
                partition);
        return new Record<>(id, article, Instant.parse(publishedAt).toEpochMilli());
    }

    /** Runs the punctuators scheduled on the context, as a publish interval passing would. */
    private static void publish(MockProcessorContext<String, Object> on) {
        publish(on, CLOCK.addAndGet(DAILY.publishInterval().toMillis()));
    }

    /** Runs the punctuators scheduled on the context at this wall-clock time. */
    private static void publish(MockProcessorContext<String, Object> on, long wallClock) {
        on.scheduledPunctuators().stream().filter(p -> !p.cancelled())
                .forEach(p -> p.getPunctuator().punctuate(wallClock));
    }

    private static List<FactionSentimentWindow> factionWindows(MockProcessorContext<String, Object> on) {
        return on.forwarded().stream().map(r -> (Object) r.record().value())
                .filter(FactionSentimentWindow.class::isInstance).map(FactionSentimentWindow.class::cast).toList();
    }

    private static WindowAggregator started(AggregateSettings settings, MockProcessorContext<String, Object> on) {
        WindowAggregator started = new WindowAggregator(settings, STORES);
        started.init(on);
        return started;
    }

    private static MockProcessorContext<String, Object> contextWithStores() {
        MockProcessorContext<String, Object> created = new MockProcessorContext<>();
        store(created, STORES.streamTime(), JsonSerde.of(StreamTime.class));
        store(created, STORES.windows(), JsonSerde.of(WindowState.class));
        store(created, STORES.originals(), JsonSerde.of(OriginalSeen.class));
        store(created, STORES.history(), JsonSerde.of(ShiftDetector.Scores.class));
        store(created, STORES.unpublished(), JsonSerde.of(PendingCounts.class));
        return created;
    }

    private static <V> void store(MockProcessorContext<String, Object> on, String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        store.init(on.getStateStoreContext(), store);
        on.addStateStore(store);
    }
}
