package io.storywatch.stage.aggregate;

import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
import io.storywatch.json.JsonSerde;
import io.storywatch.stage.Stage;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The aggregate stage: per-faction and per-entity sentiment in tumbling event-time windows, what dashboards read.
 *
 * <p>Each scored article that {@link Portrayals#counts counts} adds one {@link Portrayal} per faction and entity it
 * portrays to that target's window (by {@link PublishedAtTimestampExtractor event time}); every change to a window is
 * emitted at once (no caching, no suppression), so the latest record per key is the window's current state. Output
 * keys are plain strings, {@code TARGET@WINDOW_START}, e.g. {@code safety@2024-05-28T00:00:00Z} or
 * {@code sam-altman@2024-05-28T00:00:00Z}, so a compacted topic keeps one record per target and window. Values hold
 * no wall-clock time: replaying the scored topic reproduces them exactly. Articles later than the grace period are
 * dropped by Kafka Streams (counted in its dropped-records metric).
 */
public final class AggregateStage implements Stage {

    static final String FACTION_STORE = "aggregate-faction-sentiment-windows";
    static final String ENTITY_STORE = "aggregate-entity-sentiment-windows";

    private static final Serde<Portrayal> PORTRAYAL_SERDE = JsonSerde.of(Portrayal.class);
    private static final Serde<SentimentTally> TALLY_SERDE = JsonSerde.of(SentimentTally.class);

    private final AggregateSettings settings;

    public AggregateStage() {
        this(AggregateSettings.defaults());
    }

    public AggregateStage(AggregateSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "aggregate";
    }

    @Override
    public Topic<?, ?> input() {
        return Topics.SCORED;
    }

    @Override
    public List<Topic<?, ?>> outputs() {
        return List.of(Topics.FACTION_SENTIMENT, Topics.ENTITY_SENTIMENT);
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, settings);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, AggregateSettings settings) {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(settings.windowSize(), settings.grace());
        KStream<String, StanceScored> counted = builder
                .stream(Topics.SCORED.name(),
                        Topics.SCORED.consumed().withTimestampExtractor(new PublishedAtTimestampExtractor()))
                .filter((id, article) -> Portrayals.counts(article),
                        Named.as("aggregate-skip-duplicates-and-irrelevant"));

        windowedTallies(counted, "faction", Portrayals::ofFactions, windows, FACTION_STORE)
                .map((window, tally) -> KeyValue.pair(key(window), factionWindow(window, tally)),
                        Named.as("aggregate-faction-sentiment-window"))
                .to(Topics.FACTION_SENTIMENT.name(), Topics.FACTION_SENTIMENT.produced());

        windowedTallies(counted, "entity", Portrayals::ofEntities, windows, ENTITY_STORE)
                .map((window, tally) -> KeyValue.pair(key(window), entityWindow(window, tally)),
                        Named.as("aggregate-entity-sentiment-window"))
                .to(Topics.ENTITY_SENTIMENT.name(), Topics.ENTITY_SENTIMENT.produced());
    }

    private static KStream<Windowed<String>, SentimentTally> windowedTallies(
            KStream<String, StanceScored> counted, String target,
            Function<StanceScored, SortedMap<String, Portrayal>> portrayals, TimeWindows windows, String store) {
        return counted
                .flatMap((id, article) -> portrayals.apply(article).entrySet().stream()
                                .map(entry -> KeyValue.pair(entry.getKey(), entry.getValue()))
                                .toList(),
                        Named.as("aggregate-portrayals-by-" + target))
                // re-keyed by target: the named repartition topic puts each target's portrayals in one task
                .groupByKey(Grouped.with("aggregate-by-" + target, Serdes.String(), PORTRAYAL_SERDE))
                .windowedBy(windows)
                .aggregate(SentimentTally::empty, (key, portrayal, tally) -> tally.add(portrayal),
                        Named.as("aggregate-" + target + "-windows"),
                        Materialized.<String, SentimentTally, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(TALLY_SERDE)
                                .withCachingDisabled())
                .toStream(Named.as("aggregate-" + target + "-window-updates"))
                .filter((window, tally) -> tally != null, Named.as("aggregate-" + target + "-skip-deletions"));
    }

    /** {@code TARGET@WINDOW_START}, the start as an ISO-8601 instant. */
    static String key(Windowed<String> window) {
        return window.key() + "@" + iso(window.window().start());
    }

    private static FactionSentimentWindow factionWindow(Windowed<String> windowed, SentimentTally tally) {
        Window window = windowed.window();
        return new FactionSentimentWindow(FactionSentimentWindow.SCHEMA_VERSION, windowed.key(), iso(window.start()),
                iso(window.end()), tally.articles(), tally.mentions(), tally.meanScore(), tally.pos(), tally.neg(),
                tally.neu(), tally.mixed());
    }

    private static EntitySentimentWindow entityWindow(Windowed<String> windowed, SentimentTally tally) {
        Window window = windowed.window();
        return new EntitySentimentWindow(EntitySentimentWindow.SCHEMA_VERSION, windowed.key(), iso(window.start()),
                iso(window.end()), tally.articles(), tally.mentions(), tally.meanScore(), tally.pos(), tally.neg(),
                tally.neu());
    }

    private static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
