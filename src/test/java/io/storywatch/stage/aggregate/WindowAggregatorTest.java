package io.storywatch.stage.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.json.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The aggregator fed from several scored partitions, which a topology test driver cannot do. */
class WindowAggregatorTest {

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final WindowAggregator aggregator = new WindowAggregator(
            new AggregateSettings(Duration.ofDays(1), Duration.ofDays(7)),
            new WindowAggregator.AggregateStores("time", "windows", "originals", "history"));

    WindowAggregatorTest() {
        store("time", JsonSerde.of(StreamTime.class));
        store("windows", JsonSerde.of(WindowState.class));
        store("originals", JsonSerde.of(OriginalSeen.class));
        store("history", JsonSerde.of(ShiftDetector.Scores.class));
        aggregator.init(context);
    }

    @Test
    void shouldNotCountAnArticleLateBecauseAnotherPartitionRanAhead() {
        // partition 0 and 1 both at 05-01: stream time 05-01
        process(0, "p0-a", "2024-05-01T12:00:00Z");
        process(1, "p1-a", "2024-05-01T13:00:00Z");
        // partition 0 runs three weeks ahead; partition 1, still at 05-01, holds stream time back
        process(0, "p0-b", "2024-05-22T12:00:00Z");
        // partition 1's next article: 05-02 is 20 days behind partition 0 but in order in its own partition: counted
        process(1, "p1-b", "2024-05-02T12:00:00Z");

        List<Object> forwarded = context.forwarded().stream().map(r -> (Object) r.record().value()).toList();
        assertEquals(List.of("2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z", "2024-05-22T00:00:00Z",
                        "2024-05-02T00:00:00Z"),
                forwarded.stream().filter(FactionSentimentWindow.class::isInstance)
                        .map(v -> ((FactionSentimentWindow) v).windowStart()).toList());
        assertEquals(List.of(), forwarded.stream().filter(ArticleMissedWindow.class::isInstance).toList());
    }

    @Test
    void shouldNotStartStreamTimeBeforeEveryKnownPartitionHasSpoken() {
        WindowAggregator knowingTwoPartitions = new WindowAggregator(
                new AggregateSettings(Duration.ofDays(1), Duration.ofDays(7)).withScoredPartitions(2),
                new WindowAggregator.AggregateStores("time", "windows", "originals", "history"));
        knowingTwoPartitions.init(context);
        // partition 0 alone runs three weeks ahead; partition 1's first article, from 05-01, still counts
        process(knowingTwoPartitions, 0, "p0-a", "2024-05-01T12:00:00Z");
        process(knowingTwoPartitions, 0, "p0-b", "2024-05-22T12:00:00Z");
        process(knowingTwoPartitions, 1, "p1-a", "2024-05-01T13:00:00Z");

        assertEquals(List.of("2024-05-01T00:00:00Z", "2024-05-22T00:00:00Z", "2024-05-01T00:00:00Z"),
                context.forwarded().stream().map(r -> (Object) r.record().value())
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

    private void process(int partition, String id, String publishedAt) {
        process(aggregator, partition, id, publishedAt);
    }

    private static void process(WindowAggregator target, int partition, String id, String publishedAt) {
        TreeMap<String, Portrayal> factions = new TreeMap<>();
        factions.put("safety", new Portrayal(0.5, "pos", 1));
        Contribution article = new Contribution(id, "标题", "示例日报", publishedAt, null, factions, new TreeMap<>(),
                partition);
        target.process(new Record<>(id, article, Instant.parse(publishedAt).toEpochMilli()));
    }

    private <V> void store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
