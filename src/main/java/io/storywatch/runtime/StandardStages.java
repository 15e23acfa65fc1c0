package io.storywatch.runtime;

import io.storywatch.stage.Stage;
import io.storywatch.stage.aggregate.AggregateSettings;
import io.storywatch.stage.aggregate.AggregateStage;
import io.storywatch.stage.ingest.IngestStage;
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
        stages.put("aggregate", settings -> new AggregateStage(
                new AggregateSettings(AggregateSettings.defaults().windowSize(), settings.aggregateGrace())));
        return stages;
    }
}
