package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPredictCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldTrainAModelFileAndPredictOneLinePerInputInOrder() throws Exception {
        JsonNode file = trainAndPredictThreeLines();

        assertEquals("bge-small-zh-v1.5-q", file.get("encoder").asText());
    }

    @Test
    void shouldTrainAHeadOnTheLayersAverageAndPredictWithTheSameLayers() throws Exception {
        JsonNode file = trainAndPredictThreeLines("--layers", "mean");

        assertEquals("bge-small-zh-v1.5-q+layers-mean4", file.get("encoder").asText());
    }

    /** Trains a head on a few lines with {@code options} added, checks three predictions, returns the head file. */
    private JsonNode trainAndPredictThreeLines(String... options) throws Exception {
        List<String> training = new ArrayList<>();
        for (String name : List.of("奥特曼", "布罗克曼", "苏茨克维", "莱克")) {
            training.add("{\"text\":\"董事会突然解雇了" + name + "。\",\"target\":\"" + name + "\",\"label\":\"neg\"}");
            training.add("{\"text\":\"员工们公开批评" + name + "。\",\"target\":\"" + name + "\",\"label\":\"neg\"}");
            training.add("{\"text\":\"" + name + "的远见广受好评。\",\"target\":\"" + name + "\",\"label\":\"pos\"}");
            training.add("{\"text\":\"投资人纷纷力挺" + name + "。\",\"target\":\"" + name + "\",\"label\":\"pos\"}");
            training.add("{\"text\":\"" + name + "周二出席了发布会。\",\"target\":\"" + name + "\",\"label\":\"neu\"}");
        }
        Path input = dir.resolve("train.jsonl");
        Files.write(input, training);
        Path model = dir.resolve("model.json");
        List<String> arguments = new ArrayList<>(List.of("train", "--task", "target-sentiment", "--input",
                input.toString(), "--model", model.toString()));
        arguments.addAll(List.of(options));
        int trained = StoryWatch.commandLine().execute(arguments.toArray(String[]::new));
        assertEquals(0, trained);
        JsonNode file = Json.tree(Files.readString(model));
        assertEquals("target-sentiment", file.get("task").asText());
        assertTrue(file.get("version").asText().startsWith("target-sentiment-"));

        Path unseen = dir.resolve("unseen.jsonl");
        Files.write(unseen, List.of(
                "{\"text\":\"董事会解雇了穆拉蒂。\",\"target\":\"穆拉蒂\"}",
                "{\"text\":\"穆拉蒂的远见广受好评。\",\"target\":\"穆拉蒂\"}",
                "{\"text\":\"穆拉蒂周二出席了发布会。\",\"target\":\"穆拉蒂\"}"));
        Path output = dir.resolve("predicted.jsonl");
        int predicted = StoryWatch.commandLine().execute("predict", "--model", model.toString(), "--input",
                unseen.toString(), "--output", output.toString());
        assertEquals(0, predicted);
        List<String> lines = Files.readAllLines(output);
        assertEquals(3, lines.size());
        assertEquals("neg", Json.tree(lines.get(0)).get("label").asText());
        assertEquals("pos", Json.tree(lines.get(1)).get("label").asText());
        assertEquals("neu", Json.tree(lines.get(2)).get("label").asText());
        assertTrue(Json.tree(lines.get(0)).get("score").asDouble() < 0);
        return file;
    }

    @Test
    void shouldTrainAStanceModelAndPredictOnTextWithEmoji() throws Exception {
        List<String> training = new ArrayList<>();
        for (String mark : List.of("👍", "🎉", "😀", "🔥")) {
            training.add("{\"text\":\"" + mark + "坚决支持延长假期" + mark + mark + "\",\"target\":\"延长假期\",\"label\":\"FAVOR\"}");
            training.add("{\"text\":\"反对延长假期😡" + mark + "\",\"target\":\"延长假期\",\"label\":\"AGAINST\"}");
            training.add("{\"text\":\"" + mark + "今天下雨了\",\"target\":\"延长假期\",\"label\":\"NONE\"}");
        }
        Path input = dir.resolve("stance.jsonl");
        Files.write(input, training);
        Path model = dir.resolve("stance-model.json");

        assertEquals(0, StoryWatch.commandLine().execute("train", "--task", "stance", "--input", input.toString(),
                "--model", model.toString()));
        Path unseen = dir.resolve("unseen-stance.jsonl");
        Files.write(unseen, List.of("{\"text\":\"🎉🎉支持延长假期\",\"target\":\"延长假期\"}"));
        Path output = dir.resolve("predicted-stance.jsonl");
        assertEquals(0, StoryWatch.commandLine().execute("predict", "--model", model.toString(), "--input",
                unseen.toString(), "--output", output.toString()));

        assertEquals("FAVOR", Json.tree(Files.readAllLines(output).get(0)).get("label").asText());
    }

    @Test
    void shouldReadBothBenchmarkLayouts() throws Exception {
        Path stance = dir.resolve("stance.tsv");
        Files.write(stance, List.of("ID\tTARGET\tTEXT\tSTANCE", "1\t开放二胎\t支持\tFAVOR", "2\t开放二胎\t反对\tAGAINST",
                "3\t开放二胎\t没标注\t"));
        var stanceLines = EvaluateCvCommand.read(stance, io.storywatch.stage.score.TrainingTask.STANCE);
        assertEquals(List.of(new io.storywatch.stage.score.LabelledText("支持", "开放二胎", "FAVOR"),
                new io.storywatch.stage.score.LabelledText("反对", "开放二胎", "AGAINST")), stanceLines);

        Path polarity = dir.resolve("polarity.tsv");
        Files.write(polarity, List.of("label\ttext_a", "1\t很好", "0\t很差"));
        var polarityLines = EvaluateCvCommand.read(polarity, io.storywatch.stage.score.TrainingTask.POLARITY);
        assertEquals(List.of(new io.storywatch.stage.score.LabelledText("很好", null, "pos"),
                new io.storywatch.stage.score.LabelledText("很差", null, "neg")), polarityLines);
    }
}
