package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.stage.Stage;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
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
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The ingest stage: the one gate between what producers send and what the pipeline analyses. Every raw record ends
 * on exactly one of news.articles.clean (validated, normalised, duplicates marked) or news.articles.rejected (with
 * its reason in the value and in the {@code storywatch.reject.code}/{@code storywatch.reject.message} headers).
 *
 * <p>Clean articles pass through one single-partition topic ({@code ingest-near-duplicates}), so that one task sees
 * every article: the {@link DuplicateMarker} marks exact duplicates, drops re-sent articles (see there for
 * corrections) and marks copies that differ in a few characters and were published within the near-duplicate horizon
 * of their original, and they are written to the clean topic. One store holds what it remembers, so that an article
 * costs one store record (exact duplicates were first found in a task per content-hash partition with two stores, and
 * near-duplicates' fingerprints then had a store of their own, {@code ingest-simhash-originals}). The store forgets
 * articles published longer than {@link IngestSettings#retention()} before the newest.
 * Clean records carry their publication time as record timestamp (see
 * {@link CleanOrReject}), so a topic downstream with time-based retention would delete old news at once.
 */
public final class IngestStage implements Stage {

    /** The first article of each body, with its SimHash if it is an original, and the other articles with it. */
    static final String CONTENT_HASH_STORE = "ingest-articles-by-content-hash";

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
                        // one task sees every article, so a copy meets its original whatever its hash
                        .repartition(Repartitioned.<String, ArticleCleaned>as("ingest-near-duplicates")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.CLEAN.valueSerde())
                                .withNumberOfPartitions(1))
                        .process(new DuplicateMarkerSupplier(settings), Named.as("ingest-mark-duplicates"))
                        .to(Topics.CLEAN.name(), Topics.CLEAN.produced()), "accepted"));
    }

    /** Supplies the marker together with its store, so the topology connects them itself. */
    private static final class DuplicateMarkerSupplier
            implements ProcessorSupplier<String, ArticleCleaned, String, ArticleCleaned> {

        private final IngestSettings settings;

        DuplicateMarkerSupplier(IngestSettings settings) {
            this.settings = settings;
        }

        @Override
        public Processor<String, ArticleCleaned, String, ArticleCleaned> get() {
            return new DuplicateMarker(CONTENT_HASH_STORE, settings);
        }

        /** Timestamped, so that old entries can be found. */
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore(CONTENT_HASH_STORE), Serdes.String(), Serdes.String()));
        }
    }
}
