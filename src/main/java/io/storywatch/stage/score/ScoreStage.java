package io.storywatch.stage.score;

import io.storywatch.stage.Stage;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/** The score stage: reads tagged articles and appends one analysis object per article to news.articles.scored. */
public final class ScoreStage implements Stage {

    private final ArticleScorer scorer;

    public ScoreStage(ArticleScorer scorer) {
        this.scorer = scorer;
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
        build(builder, scorer);
        return builder.build();
    }

    public static void build(StreamsBuilder builder, ArticleScorer scorer) {
        builder.stream(Topics.TAGGED.name(), Topics.TAGGED.consumed())
                .filter((id, article) -> article != null, Named.as("skip-tombstones"))
                .mapValues(scorer::score, Named.as("score-target-sentiment"))
                .to(Topics.SCORED.name(), Topics.SCORED.produced());
    }
}
