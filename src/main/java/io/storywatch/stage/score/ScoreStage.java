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
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The score stage: reads tagged articles and appends one analysis object per article to news.articles.scored, with the
 * analysts' corrections of news.corrections applied. The machine's analysis of every article is kept in a table, so
 * that a correction arriving later re-emits its article's record corrected (see {@link ArticleCorrections}); a
 * rescored article (a replay) gets the corrections made to it too.
 */
public final class ScoreStage implements Stage {

    static final String CORRECTIONS_STORE = "score-corrections";
    static final String MACHINE_STORE = "score-machine-analysis";

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

    @Override
    public Map<String, String> versions() {
        return Map.of("sentiment", scorer.version());
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, scorer, scorersByStory);
        return builder.build();
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
        KTable<String, StanceScored> machine = builder.stream(Topics.TAGGED.name(), Topics.TAGGED.consumed())
                .filter((id, article) -> article != null, Named.as("skip-tombstones"))
                .mapValues(article -> scorerOf(article, scorer, byStory).score(article),
                        Named.as("score-target-sentiment"))
                .toTable(Named.as("score-machine-analysis"),
                        Materialized.<String, StanceScored, KeyValueStore<Bytes, byte[]>>as(MACHINE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.SCORED.valueSerde())
                                .withCachingDisabled());
        machine.leftJoin(correctionLogs,
                        (article, log) -> log == null ? article : corrections.apply(article, log.corrections()),
                        Named.as("score-apply-corrections"))
                .toStream(Named.as("score-corrected-analysis"))
                .filter((id, article) -> article != null, Named.as("score-skip-deletions"))
                .to(Topics.SCORED.name(), Topics.SCORED.produced());
    }

    /** The scorer of the story the article was tagged for, else {@code scorer} (also when it names none). */
    private static ArticleScorer scorerOf(EntitiesTagged article, ArticleScorer scorer,
                                          Map<String, ArticleScorer> byStory) {
        String story = StoryKeys.storyOf(article.versions());
        return story == null ? scorer : byStory.getOrDefault(story, scorer);
    }
}
