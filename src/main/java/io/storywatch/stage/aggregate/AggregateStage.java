package io.storywatch.stage.aggregate;

import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.json.JsonSerde;
import io.storywatch.stage.Stage;
import io.storywatch.story.StoryKeys;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregate stage: per-faction and per-entity sentiment, story coverage and shift alerts in tumbling event-time
 * windows, what dashboards read.
 *
 * <p>Each relevant scored article is reduced to its {@link Contribution} (the {@link Portrayals} of the factions and
 * entities it portrays, with evidence sentences) and sent through one single-partition repartition topic,
 * {@code aggregate-by-story}, to one {@link WindowAggregator}: coverage and share of voice need every article of a
 * window in one place, and one {@link StreamTime} (a watermark over the scored partitions) makes each article's
 * lateness one decision that does not depend on how the partitions interleave. Event time is
 * {@link PublishedAtTimestampExtractor publishedAt}, else the record timestamp. Every window size in the settings is
 * published on the same topics; keys are {@code TARGET@START/SIZE}, e.g. {@code safety@2024-05-28T00:00:00Z/P1D} or
 * {@code story@2024-05-28T09:00:00Z/PT1H} on news.story-coverage, so a compacted topic keeps one record per target and
 * window, and the last one written is {@code final}. news.articles.late is keyed by article id, news.faction-alerts
 * like the window that shifted. A changed window is written as an open record at most once per publish interval, not
 * once per article (see {@link WindowAggregator}); entities are published in the settings' entity window sizes. Values hold no wall-clock time: replaying the scored topic in the same order
 * reproduces the final records, alerts and late records exactly, and every window's last open record before its
 * final; how many open records come before it depends on how the articles fell into publish intervals.
 */
public final class AggregateStage implements Stage {

    static final String REPARTITION = "aggregate-by-story";
    static final String STREAM_TIME_STORE = "aggregate-stream-time";
    static final String WINDOW_STORE = "aggregate-open-windows";
    static final String ORIGINALS_STORE = "aggregate-originals-and-copies";
    static final String HISTORY_STORE = "aggregate-closed-window-scores";
    static final String UNPUBLISHED_STORE = "aggregate-unpublished-counts";

    private final AggregateSettings settings;
    private final String mainStory;

    public AggregateStage() {
        this(AggregateSettings.defaults());
    }

    public AggregateStage(AggregateSettings settings) {
        this(null, settings);
    }

    /**
     * Windows of the articles of every story followed, each story's apart; {@code mainStory} is the id of the run's
     * first story, which the windows of articles keyed by their id belong to (null: not named in their records).
     */
    public AggregateStage(String mainStory, AggregateSettings settings) {
        this.mainStory = mainStory;
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
        return List.of(Topics.FACTION_SENTIMENT, Topics.ENTITY_SENTIMENT, Topics.STORY_COVERAGE,
                Topics.FACTION_ALERTS, Topics.LATE);
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("grace", settings.grace().toString(), "dayGrace", settings.dayGrace().toString(),
                "windowSizes", settings.windowSizes().toString());
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, settings, mainStory);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, AggregateSettings settings) {
        build(builder, settings, null);
    }

    public static void build(StreamsBuilder builder, AggregateSettings settings, String mainStory) {
        KStream<String, Object> emitted = builder
                .stream(Topics.SCORED.name(),
                        Topics.SCORED.consumed().withTimestampExtractor(new PublishedAtTimestampExtractor()))
                // an irrelevant article counts nowhere, unless an analyst's correction made it so: its earlier version
                // may have counted
                .filter((id, article) -> article != null && (article.relevant() || article.corrected()),
                        Named.as("aggregate-skip-irrelevant"))
                .processValues(ContributionOf::new, Named.as("aggregate-contribution"))
                .repartition(Repartitioned.<String, Contribution>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(Contribution.class))
                        .withNumberOfPartitions(1))
                .process(new WindowAggregatorSupplier(settings, mainStory), Named.as("aggregate-windows"));

        BranchedKStream<String, Object> outputs = emitted.split(Named.as("aggregate-output-"));
        branch(outputs, FactionSentimentWindow.class, Topics.FACTION_SENTIMENT, "faction-sentiment");
        branch(outputs, EntitySentimentWindow.class, Topics.ENTITY_SENTIMENT, "entity-sentiment");
        branch(outputs, StoryCoverage.class, Topics.STORY_COVERAGE, "story-coverage");
        branch(outputs, FactionShiftDetected.class, Topics.FACTION_ALERTS, "faction-alerts");
        branch(outputs, ArticleMissedWindow.class, Topics.LATE, "late");
        outputs.noDefaultBranch();
    }

    private static <V> void branch(BranchedKStream<String, Object> outputs, Class<V> type, Topic<String, V> topic,
                                   String name) {
        outputs.branch((key, value) -> type.isInstance(value), Branched.withConsumer(stream -> stream
                .mapValues(type::cast, Named.as("aggregate-as-" + name))
                .to(topic.name(), topic.produced()), name));
    }

    /** Reduces a scored article to its contribution, noting the scored partition it came from. */
    private static final class ContributionOf implements FixedKeyProcessor<String, StanceScored, Contribution> {

        private FixedKeyProcessorContext<String, Contribution> context;

        @Override
        public void init(FixedKeyProcessorContext<String, Contribution> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, StanceScored> record) {
            if (record.value().id() == null) {
                // here, before the repartition, the dead letter still holds the scored record to replay
                throw new IllegalArgumentException("a scored article without an id cannot be counted once");
            }
            int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(0);
            Contribution contribution = Portrayals.contribution(record.value()).fromPartition(partition);
            // keyed by its id: the main story's article; else another story's, which counts in that story's windows
            String story = StoryKeys.storyOf(record.value().versions());
            if (record.key() != null && !record.key().equals(record.value().id()) && story != null) {
                contribution = contribution.inStory(story);
            }
            context.forward(record.withValue(contribution));
        }
    }

    /** Supplies the aggregator together with its stores, so the topology connects them itself. */
    private static final class WindowAggregatorSupplier
            implements ProcessorSupplier<String, Contribution, String, Object> {

        private final AggregateSettings settings;
        private final String mainStory;

        WindowAggregatorSupplier(AggregateSettings settings, String mainStory) {
            this.settings = settings;
            this.mainStory = mainStory;
        }

        @Override
        public Processor<String, Contribution, String, Object> get() {
            return new WindowAggregator(settings, new WindowAggregator.AggregateStores(STREAM_TIME_STORE,
                    WINDOW_STORE, ORIGINALS_STORE, HISTORY_STORE, UNPUBLISHED_STORE), mainStory);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(STREAM_TIME_STORE, JsonSerde.of(StreamTime.class)),
                    store(WINDOW_STORE, JsonSerde.of(WindowState.class)),
                    store(ORIGINALS_STORE, JsonSerde.of(OriginalSeen.class)),
                    store(HISTORY_STORE, JsonSerde.of(ShiftDetector.Scores.class)),
                    store(UNPUBLISHED_STORE, JsonSerde.of(PendingCounts.class)));
        }

        /** Cached: a key written several times between two commits reaches RocksDB and its changelog once. */
        private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                    .withCachingEnabled();
        }
    }
}
