package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.stage.Stage;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The ingest stage: the one gate between what producers send and what the pipeline analyses. Every raw record ends
 * on exactly one of news.articles.clean (validated, normalised, duplicates marked) or news.articles.rejected (with
 * its reason in the value and in the {@code storywatch.reject.code}/{@code storywatch.reject.message} headers).
 *
 * <p>Clean articles are repartitioned by content hash ({@code ingest-by-content-hash}) so that one store sees every
 * article with the same body, then keyed by article id again; see {@link DuplicateMarker} for exact duplicates,
 * re-sent articles and corrections. All of them then pass through one single-partition topic
 * ({@code ingest-near-duplicates}) to the {@link NearDuplicateMarker}, which marks copies that differ in a few
 * characters and were published within the near-duplicate horizon of their original, and are written to the clean
 * topic. Every store forgets articles published longer than {@link IngestSettings#retention()} before the newest.
 * Clean records carry their publication time as record timestamp (see
 * {@link CleanOrReject}), so a topic downstream with time-based retention would delete old news at once.
 */
public final class IngestStage implements Stage {

    static final String FIRST_ID_STORE = "ingest-first-article-by-content-hash";
    static final String VERSION_STORE = "ingest-article-versions-by-content-hash";
    /** One record per original (replaces {@code ingest-simhash-bands}, which held one per band). */
    static final String SIMHASH_STORE = "ingest-simhash-originals";

    private final IngestSettings settings;
    private final TextNormalizer normalizer;

    public IngestStage() {
        this(IngestSettings.defaults());
    }

    public IngestStage(IngestSettings settings) {
        this(settings, new TextNormalizer());
    }

    public IngestStage(IngestSettings settings, TextNormalizer normalizer) {
        this.settings = settings;
        this.normalizer = normalizer;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public Topic<?, ?> input() {
        return Topics.RAW;
    }

    @Override
    public List<Topic<?, ?>> outputs() {
        return List.of(Topics.CLEAN, Topics.REJECTED);
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, settings, normalizer);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, IngestSettings settings, TextNormalizer normalizer) {
        ArticleCleaner cleaner = new ArticleCleaner(new ArticleValidator(settings.maxArticleBytes()), normalizer,
                settings.nearDuplicates().shingleLength());
        KStream<String, CleanOrReject.Outcome> outcomes = builder
                .stream(Topics.RAW.name(), Topics.RAW.consumed())
                .processValues(() -> new CleanOrReject(cleaner, settings.maxCleanArticleBytes()),
                        Named.as("ingest-validate-and-normalise"));

        outcomes.split(Named.as("ingest-outcome-"))
                .branch((key, outcome) -> outcome instanceof CleanOrReject.Refused,
                        Branched.withConsumer(refused -> refused
                                .mapValues(outcome -> ((CleanOrReject.Refused) outcome).rejected(),
                                        Named.as("ingest-rejection"))
                                .to(Topics.REJECTED.name(), Topics.REJECTED.produced()), "refused"))
                .defaultBranch(Branched.withConsumer(accepted -> accepted
                        .mapValues(outcome -> ((CleanOrReject.Accepted) outcome).article(),
                                Named.as("ingest-clean-article"))
                        .selectKey((id, article) -> article.contentHash(), Named.as("ingest-key-by-content-hash"))
                        .repartition(Repartitioned.<String, ArticleCleaned>as("ingest-by-content-hash")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.CLEAN.valueSerde()))
                        .process(new DuplicateMarkerSupplier(settings.retention()),
                                Named.as("ingest-mark-duplicates"))
                        // one task sees every article, so a near copy meets its original whatever its hash
                        .repartition(Repartitioned.<String, ArticleCleaned>as("ingest-near-duplicates")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.CLEAN.valueSerde())
                                .withNumberOfPartitions(1))
                        .process(new NearDuplicateMarkerSupplier(settings),
                                Named.as("ingest-mark-near-duplicates"))
                        .to(Topics.CLEAN.name(), Topics.CLEAN.produced()), "accepted"));
    }

    /** Supplies the near-duplicate marker with its store of originals. */
    private static final class NearDuplicateMarkerSupplier
            implements ProcessorSupplier<String, ArticleCleaned, String, ArticleCleaned> {

        private final IngestSettings settings;

        NearDuplicateMarkerSupplier(IngestSettings settings) {
            this.settings = settings;
        }

        @Override
        public Processor<String, ArticleCleaned, String, ArticleCleaned> get() {
            return new NearDuplicateMarker(SIMHASH_STORE, settings.nearDuplicates(), settings.retention());
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIMHASH_STORE),
                    Serdes.String(), Serdes.String()));
        }
    }

    /** Supplies the marker together with its stores, so the topology connects them itself. */
    private static final class DuplicateMarkerSupplier
            implements ProcessorSupplier<String, ArticleCleaned, String, ArticleCleaned> {

        private final Duration retention;

        DuplicateMarkerSupplier(Duration retention) {
            this.retention = retention;
        }

        @Override
        public Processor<String, ArticleCleaned, String, ArticleCleaned> get() {
            return new DuplicateMarker(FIRST_ID_STORE, VERSION_STORE, retention);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(FIRST_ID_STORE), store(VERSION_STORE));
        }

        /** Timestamped, so that old entries can be found; a store of plain values from before is upgraded in place. */
        private static StoreBuilder<TimestampedKeyValueStore<String, String>> store(String name) {
            return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(name),
                    Serdes.String(), Serdes.String());
        }
    }
}
