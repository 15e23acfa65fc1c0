package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearClassifierTest {

    @TempDir
    Path dir;

    /** Two classes told apart by one feature each, plus noise features they share. */
    private static List<List<String>> separable(List<String> labels) {
        List<List<String>> examples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String label = i % 2 == 0 ? "red" : "blue";
            examples.add(List.of(label.equals("red") ? "warm" : "cold", "noise" + (i % 5), "always"));
            labels.add(label);
        }
        return examples;
    }

    @Test
    void shouldLearnASeparableToyTask() {
        List<String> labels = new ArrayList<>();
        List<List<String>> examples = separable(labels);
        LinearClassifier model = LinearClassifier.train("polarity", "toy-1", examples, labels,
                LinearClassifier.Options.DEFAULT);
        assertEquals(List.of("blue", "red"), model.labels());
        assertEquals("red", model.predict(List.of("warm", "noise3", "always")));
        assertEquals("blue", model.predict(List.of("cold", "noise3", "always")));
        assertTrue(model.probabilities(List.of("warm"))[1] > 0.9);
    }

    @Test
    void shouldRoundTripThroughItsFile() throws Exception {
        List<String> labels = new ArrayList<>();
        LinearClassifier model = LinearClassifier.train("stance", "toy-2", separable(labels), labels,
                LinearClassifier.Options.DEFAULT);
        Path file = dir.resolve("models/toy.json");
        model.save(file);
        LinearClassifier loaded = LinearClassifier.load(file);
        assertEquals("stance", loaded.task());
        assertEquals("toy-2", loaded.version());
        assertEquals(model.labels(), loaded.labels());
        assertEquals(model.featureCount(), loaded.featureCount());
        for (List<String> example : List.of(List.of("warm"), List.of("cold", "noise1"), List.of("unseen"))) {
            assertArrayEquals(model.probabilities(example), loaded.probabilities(example), 1e-4);
        }
        assertTrue(Files.readString(file).contains("\"format\":\"" + LinearClassifier.FORMAT + "\""));
    }

    @Test
    void shouldRefuseAFileThatIsNotAModel() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"format\":\"something-else\"}");
        assertThrows(IllegalArgumentException.class, () -> LinearClassifier.load(file));
    }

    @Test
    void shouldGiveTheSameModelForTheSameDataAndSeed() {
        List<String> labels = new ArrayList<>();
        List<List<String>> examples = separable(labels);
        LinearClassifier first = LinearClassifier.train("polarity", "v", examples, labels, LinearClassifier.Options.DEFAULT);
        LinearClassifier second = LinearClassifier.train("polarity", "v", examples, labels, LinearClassifier.Options.DEFAULT);
        assertArrayEquals(first.probabilities(List.of("warm", "noise2")), second.probabilities(List.of("warm", "noise2")));
    }
}
