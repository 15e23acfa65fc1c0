package io.storywatch.runtime;

import io.storywatch.stage.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the stage names of {@code --stages} into stages, from a registry of every stage the pipeline knows, in
 * pipeline order; commands build stages only through it.
 */
public final class PipelineFactory {

    private final Map<String, Function<StageSettings, Stage>> registry;

    /** @param registry stage name to constructor, in pipeline order (the order of {@code run} with no --stages) */
    public PipelineFactory(Map<String, Function<StageSettings, Stage>> registry) {
        this.registry = new LinkedHashMap<>(registry);
    }

    /** The stages of storywatch, see {@link StandardStages}. */
    public static PipelineFactory standard() {
        return new PipelineFactory(StandardStages.registry());
    }

    public List<String> stageNames() {
        return List.copyOf(registry.keySet());
    }

    /**
     * Checks stage names without building any stage (building one may load models).
     *
     * @throws IllegalArgumentException naming the unknown stages and the known ones
     */
    public void requireKnown(List<String> names) {
        List<String> unknown = names == null ? List.of()
                : names.stream().filter(n -> !registry.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown stage(s) " + unknown + "; known: " + stageNames());
        }
    }

    /**
     * Builds the named stages in pipeline order; no names means every stage.
     *
     * @throws IllegalArgumentException naming the unknown stages and the known ones
     */
    public List<Stage> stages(List<String> names, StageSettings settings) {
        List<String> wanted = names == null || names.isEmpty() ? stageNames() : names;
        requireKnown(wanted);
        List<Stage> stages = new ArrayList<>();
        registry.forEach((name, constructor) -> {
            if (wanted.contains(name)) {
                Stage stage = constructor.apply(settings);
                if (!stage.name().equals(name)) {
                    throw new IllegalStateException("stage registered as " + name + " calls itself " + stage.name());
                }
                stages.add(stage);
            }
        });
        return stages;
    }
}
