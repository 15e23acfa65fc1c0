package io.storywatch.stage.score;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.StanceScored;
import io.storywatch.json.JsonSerde;
import io.storywatch.stage.Stage;
import io.storywatch.story.StoryKeys;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The score stage: reads tagged articles and appends one analysis object per article to news.articles.scored, with the
 * analysts' corrections of news.corrections applied. The tagged articles are a table read straight from their
 * compacted topic (which is also what restores it: the table has no changelog of its own), so that a correction
 * arriving later scores its article again and re-emits it corrected (see {@link ArticleCorrections}); a rescored
 * article (a replay) gets the corrections made to it too.
 */
public final class ScoreStage implements Stage {

    static final String CORRECTIONS_STORE = "score-corrections";
    /** The tagged articles, restored from news.articles.tagged itself (no changelog topic). */
    static final String TAGGED_STORE = "score-tagged-articles";

    private final ArticleScorer scorer;
    private final Map<String, ArticleScorer> scorersByStory;

    public ScoreStage(ArticleScorer scorer) {
        this(scorer, Map.of());
    }

    /**
     * Scores each tagged article with the scorer of its story (the story id its versions name), else with
     * {@code scorer}: a story's factions decide which faction scores its articles get.
     */
    public ScoreStage(ArticleScorer scorer, Map<String, ArticleScorer> scorersByStory) {
        this.scorer = scorer;
        this.scorersByStory = Map.copyOf(scorersByStory);
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public Topic<?, ?> input() {
        return Topics.TAGGED;
    }

    @Override
    public List<Topic<?, ?>> outputs() {
        return List.of(Topics.SCORED);
    }

    /** More stream threads when a scorer asks for them: the encoder keeps both cores busy with two. */
    @Override
    public Map<String, Object> streamsProperties() {
        int threads = scorer.streamThreads();
        for (ArticleScorer byStory : scorersByStory.values()) {
            threads = Math.max(threads, byStory.streamThreads());
        }
        return threads > 1 ? Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads) : Map.of();
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("sentiment", scorer.version());
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, scorer, scorersByStory);
        return builder.build(optimisations());
    }

    /**
     * The topology options the stage is built with: a table read from a compacted topic is restored from that topic,
     * so the tagged articles cost the broker no changelog record.
     */
    public static Properties optimisations() {
        Properties options = new Properties();
        options.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        return options;
    }

    public static void build(StreamsBuilder builder, ArticleScorer scorer) {
        build(builder, scorer, Map.of());
    }

    public static void build(StreamsBuilder builder, ArticleScorer scorer, Map<String, ArticleScorer> byStory) {
        ArticleCorrections corrections = new ArticleCorrections(scorer);
        KTable<String, CorrectionLog> correctionLogs = builder
                .stream(Topics.CORRECTIONS.name(), Topics.CORRECTIONS.consumed())
                .filter((id, correction) -> correction != null && id != null && id.equals(correction.article()),
                        Named.as("score-skip-misaddressed-corrections"))
                .groupByKey(Grouped.as("score-corrections-by-article"))
                .aggregate(CorrectionLog::empty, (id, correction, log) -> log.with(correction),
                        Named.as("score-collect-corrections"),
                        Materialized.<String, CorrectionLog, KeyValueStore<Bytes, byte[]>>as(CORRECTIONS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(CorrectionLog.class))
                                .withCachingDisabled());
        // caching off: a scored article or a correction goes on at once, not at the next commit
        KTable<String, EntitiesTagged> tagged = builder.table(Topics.TAGGED.name(), Topics.TAGGED.consumed(),
                Materialized.<String, EntitiesTagged, KeyValueStore<Bytes, byte[]>>as(TAGGED_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Topics.TAGGED.valueSerde())
                        .withCachingDisabled());
        // a new version of an article: scored, with the corrections already made to it
        KStream<String, StanceScored> scoredArticles = tagged
                .toStream(Named.as("score-tagged-versions"))
                .filter((id, article) -> article != null, Named.as("skip-tombstones"))
                .leftJoin(correctionLogs, (article, log) -> scoreCorrected(article, log, scorer, byStory, corrections),
                        Joined.<String, EntitiesTagged, CorrectionLog>as("score-target-sentiment"));
        // a new correction of an article already tagged: the article scored again, with every correction in force
        KStream<String, StanceScored> correctedArticles = correctionLogs
                .toStream(Named.as("score-correction-logs"))
                .join(tagged, (log, article) -> scoreCorrected(article, log, scorer, byStory, corrections),
                        Joined.<String, CorrectionLog, EntitiesTagged>as("score-apply-corrections"));
        scoredArticles.merge(correctedArticles, Named.as("score-corrected-analysis"))
                .filter((id, article) -> article != null, Named.as("score-skip-deletions"))
                .to(Topics.SCORED.name(), Topics.SCORED.produced());
    }

    /** The machine's analysis of {@code article} (re-done: the same scorer gives the same analysis), corrected. */
    private static StanceScored scoreCorrected(EntitiesTagged article, CorrectionLog log, ArticleScorer scorer,
                                               Map<String, ArticleScorer> byStory, ArticleCorrections corrections) {
        StanceScored machine = scorerOf(article, scorer, byStory).score(article);
        return log == null ? machine : corrections.apply(machine, log.corrections());
    }

    /** The scorer of the story the article was tagged for, else {@code scorer} (also when it names none). */
    private static ArticleScorer scorerOf(EntitiesTagged article, ArticleScorer scorer,
                                          Map<String, ArticleScorer> byStory) {
        String story = StoryKeys.storyOf(article.versions());
        return story == null ? scorer : byStory.getOrDefault(story, scorer);
    }
}
