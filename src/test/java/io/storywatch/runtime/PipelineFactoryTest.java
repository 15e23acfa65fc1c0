package io.storywatch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.storywatch.stage.Stage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PipelineFactoryTest {

    private static PipelineFactory factory() {
        Map<String, Function<StageSettings, Stage>> registry = new LinkedHashMap<>();
        registry.put("first", s -> ShoutStage.between("first", "a", "b"));
        registry.put("second", s -> ShoutStage.between("second", "b", "c"));
        registry.put("story-aware", s -> ShoutStage.between("story-aware",
                s.storyFiles().stream().map(Path::toString).findFirst().orElse("no-story"), "d"));
        return new PipelineFactory(registry);
    }

    private static List<String> names(List<Stage> stages) {
        return stages.stream().map(Stage::name).toList();
    }

    @Test
    void shouldBuildEveryStageInPipelineOrderWhenNoneIsNamed() {
        assertEquals(List.of("first", "second", "story-aware"),
                names(factory().stages(List.of(), StageSettings.defaults())));
    }

    @Test
    void shouldBuildTheNamedStagesInPipelineOrderWhateverOrderTheyAreAskedIn() {
        assertEquals(List.of("first", "second"),
                names(factory().stages(List.of("second", "first"), StageSettings.defaults())));
    }

    @Test
    void shouldPassTheSettingsToTheStages() {
        Stage stage = factory().stages(List.of("story-aware"),
                StageSettings.defaults().withStoryFile(Path.of("other-story.json"))).get(0);

        assertEquals("other-story.json", stage.input().name());
    }

    @Test
    void shouldRefuseAnUnknownStageNamingTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> factory().stages(List.of("first", "typo"), StageSettings.defaults()));

        assertEquals("unknown stage(s) [typo]; known: [first, second, story-aware]", error.getMessage());
    }
}
