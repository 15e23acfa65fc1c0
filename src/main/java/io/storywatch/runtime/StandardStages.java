package io.storywatch.runtime;

import io.storywatch.stage.Stage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The one place that lists storywatch's stages, in pipeline order, for {@link PipelineFactory#standard()}. */
final class StandardStages {

    private StandardStages() {
    }

    static Map<String, Function<StageSettings, Stage>> registry() {
        Map<String, Function<StageSettings, Stage>> stages = new LinkedHashMap<>();
        // Wired at merge, e.g. stages.put("ingest", settings -> new IngestStage()); in order:
        // ingest, segment, tag, score, aggregate.
        return stages;
    }
}
