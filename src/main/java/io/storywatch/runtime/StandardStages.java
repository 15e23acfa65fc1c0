package io.storywatch.runtime;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.stage.Stage;
import io.storywatch.stage.score.ScoreStage;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.stage.segment.SegmentStage;
import io.storywatch.stage.tag.TagStage;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.stage.aggregate.AggregateSettings;
import io.storywatch.stage.aggregate.AggregateStage;
import io.storywatch.stage.ingest.IngestStage;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The one place that lists storywatch's stages, in pipeline order, for {@link PipelineFactory#standard()}. */
final class StandardStages {

    private StandardStages() {
    }

    static Map<String, Function<StageSettings, Stage>> registry() {
        Map<String, Function<StageSettings, Stage>> stages = new LinkedHashMap<>();
        stages.put("ingest", settings -> new IngestStage());
        stages.put("segment", settings -> new SegmentStage(story(settings)));
        stages.put("tag", settings -> new TagStage(story(settings)));
        stages.put("score", settings -> new ScoreStage(
                ArticleAnalyzer.scorerFor(story(settings),
                        SentimentModels.forOption(settings.sentiment(), SentimentModels.DEFAULT_MODEL_WEIGHT))));
        // stream time waits for every scored partition: as many as the cluster has, else as topics/ creates
        stages.put("aggregate", settings -> new AggregateStage(AggregateSettings.defaults()
                .withGrace(settings.aggregateGrace())
                .withDayGrace(settings.aggregateDayGrace())
                .withScoredPartitions(settings.scoredPartitions() > 0 ? settings.scoredPartitions()
                        : TopicCatalog.fromClasspath().spec(Topics.SCORED).partitions())));
        return stages;
    }

    private static StoryDefinition story(StageSettings settings) {
        return settings.storyFile().map(Stories::load).orElseGet(Stories::defaultStory);
    }
}
