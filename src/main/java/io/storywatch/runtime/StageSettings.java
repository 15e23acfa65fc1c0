package io.storywatch.runtime;

import io.storywatch.stage.aggregate.AggregateSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the command line passes to the stages it builds, as a value rather than global configuration.
 *
 * @param storyFiles the story definitions to follow instead of the bundled default one, the first being the main story
 *                   (see {@link io.storywatch.story.StoryKeys})
 * @param aggregateGrace how late (in event time) an article may arrive and still count in a window shorter than a day,
 *                       and when a day's shift alert is decided
 * @param aggregateDayGrace the same for day windows: how long a story is followed
 * @param sentiment the score stage's target-sentiment model, as {@code --sentiment} names it (null: the default)
 * @param scoredPartitions how many partitions news.articles.scored has on the cluster, read at start, so that the
 *                         aggregate's stream time waits for each of them; 0 takes the count of {@code topics/}
 */
public record StageSettings(List<Path> storyFiles, Duration aggregateGrace, Duration aggregateDayGrace,
                            String sentiment, int scoredPartitions) {

    public static final Duration DEFAULT_AGGREGATE_GRACE = Duration.ofDays(7);
    public static final Duration DEFAULT_AGGREGATE_DAY_GRACE = AggregateSettings.DEFAULT_DAY_GRACE;

    public static StageSettings defaults() {
        return new StageSettings(List.of(), DEFAULT_AGGREGATE_GRACE, DEFAULT_AGGREGATE_DAY_GRACE, null, 0);
    }

    public StageSettings withStoryFile(Path file) {
        return withStoryFiles(file == null ? List.of() : List.of(file));
    }

    public StageSettings withStoryFiles(List<Path> files) {
        return new StageSettings(List.copyOf(files), aggregateGrace, aggregateDayGrace, sentiment, scoredPartitions);
    }

    public StageSettings withAggregateGrace(Duration grace) {
        return new StageSettings(storyFiles, grace, aggregateDayGrace, sentiment, scoredPartitions);
    }

    public StageSettings withAggregateDayGrace(Duration dayGrace) {
        return new StageSettings(storyFiles, aggregateGrace, dayGrace, sentiment, scoredPartitions);
    }

    public StageSettings withSentiment(String model) {
        return new StageSettings(storyFiles, aggregateGrace, aggregateDayGrace, model, scoredPartitions);
    }

    public StageSettings withScoredPartitions(int partitions) {
        return new StageSettings(storyFiles, aggregateGrace, aggregateDayGrace, sentiment, partitions);
    }
}
