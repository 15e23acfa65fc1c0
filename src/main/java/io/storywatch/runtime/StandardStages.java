package io.storywatch.runtime;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.stage.Stage;
import io.storywatch.stage.score.ArticleScorer;
import io.storywatch.stage.score.ScoreStage;
import io.storywatch.stage.score.SentimentModel;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The one place that lists storywatch's stages, in pipeline order, for {@link PipelineFactory#standard()}. */
final class StandardStages {

    private StandardStages() {
    }

    static Map<String, Function<StageSettings, Stage>> registry() {
        Map<String, Function<StageSettings, Stage>> stages = new LinkedHashMap<>();
        stages.put("ingest", settings -> new IngestStage());
        stages.put("segment", settings -> new SegmentStage(stories(settings)));
        stages.put("tag", settings -> new TagStage(stories(settings)));
        stages.put("score", settings -> {
            SentimentModel model = SentimentModels.forOption(settings.sentiment(),
                    SentimentModels.DEFAULT_MODEL_WEIGHT);
            List<StoryDefinition> stories = stories(settings);
            Map<String, ArticleScorer> byStory = new LinkedHashMap<>();
            stories.forEach(story -> byStory.put(story.id(), ArticleAnalyzer.scorerFor(story, model)));
            return new ScoreStage(byStory.get(stories.get(0).id()), byStory);
        });
        // stream time waits for every scored partition: as many as the cluster has, else as topics/ creates
        stages.put("aggregate", settings -> new AggregateStage(stories(settings).get(0).id(),
                AggregateSettings.defaults()
                        .withGrace(settings.aggregateGrace())
                        .withDayGrace(settings.aggregateDayGrace())
                        .withScoredPartitions(settings.scoredPartitions() > 0 ? settings.scoredPartitions()
                                : TopicCatalog.fromClasspath().spec(Topics.SCORED).partitions())));
        return stages;
    }

    /** The stories followed, the main one first: the files given, else the bundled story. */
    private static List<StoryDefinition> stories(StageSettings settings) {
        return Stories.loadAll(settings.storyFiles(), null);
    }
}
