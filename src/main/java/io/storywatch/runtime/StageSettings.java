package io.storywatch.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the command line passes to the stages it builds, as a value rather than global configuration.
 *
 * @param storyFile a story definition to load instead of the bundled default one
 * @param aggregateGrace how late (in event time) an article may arrive and still count in its window
 * @param sentiment the score stage's target-sentiment model, as {@code --sentiment} names it (null: the default)
 */
public record StageSettings(Optional<Path> storyFile, Duration aggregateGrace, String sentiment) {

    public static final Duration DEFAULT_AGGREGATE_GRACE = Duration.ofDays(7);

    public static StageSettings defaults() {
        return new StageSettings(Optional.empty(), DEFAULT_AGGREGATE_GRACE, null);
    }

    public StageSettings withStoryFile(Path file) {
        return new StageSettings(Optional.ofNullable(file), aggregateGrace, sentiment);
    }

    public StageSettings withAggregateGrace(Duration grace) {
        return new StageSettings(storyFile, grace, sentiment);
    }

    public StageSettings withSentiment(String model) {
        return new StageSettings(storyFile, aggregateGrace, model);
    }
}
