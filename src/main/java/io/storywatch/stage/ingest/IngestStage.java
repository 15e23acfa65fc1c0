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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The ingest stage: the one gate between what producers send and what the pipeline analyses. Every raw record ends
 * on exactly one of news.articles.clean (validated, normalised, duplicates marked) or news.articles.rejected (with
 * its reason in the value and in the {@code storywatch.reject.code}/{@code storywatch.reject.message} headers).
 *
 * <p>Clean articles are repartitioned by content hash ({@code ingest-by-content-hash}) so that one store sees every
 * article with the same body, then written keyed by article id; see {@link DuplicateMarker} for duplicates,
 * re-sent articles and corrections. Clean records carry their publication time as record timestamp (see
 * {@link CleanOrReject}), so a topic downstream with time-based retention would delete old news at once.
 */
public final class IngestStage implements Stage {

    static final String FIRST_ID_STORE = "ingest-first-article-by-content-hash";
    static final String VERSION_STORE = "ingest-article-versions-by-content-hash";

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
        ArticleCleaner cleaner = new ArticleCleaner(new ArticleValidator(settings.maxArticleBytes()), normalizer);
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
                        .process(new DuplicateMarkerSupplier(), Named.as("ingest-mark-duplicates"))
                        .to(Topics.CLEAN.name(), Topics.CLEAN.produced()), "accepted"));
    }

    /** Supplies the marker together with its stores, so the topology connects them itself. */
    private static final class DuplicateMarkerSupplier
            implements ProcessorSupplier<String, ArticleCleaned, String, ArticleCleaned> {

        @Override
        public Processor<String, ArticleCleaned, String, ArticleCleaned> get() {
            return new DuplicateMarker(FIRST_ID_STORE, VERSION_STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(FIRST_ID_STORE), store(VERSION_STORE));
        }

        private static StoreBuilder<KeyValueStore<String, String>> store(String name) {
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                    Serdes.String());
        }
    }
}
