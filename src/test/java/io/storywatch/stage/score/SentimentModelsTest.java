package io.storywatch.stage.score;

import static io.storywatch.stage.score.Sentences.sentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SentimentModelsTest {

    @Test
    void shouldScoreWithTheEncoderAndTheShippedHeadWhenNoModelIsAskedFor() {
        SentimentModel model = SentimentModels.forOption(null, SentimentModels.DEFAULT_MODEL_WEIGHT);
        assertTrue(model.version().startsWith("rules-" + SentimentLexicon.loadDefault().version()
                + "+bge-small-zh-v1.5-q+target-sentiment-head-"), model.version());
    }

    @Test
    void shouldScoreWithTheRulesAloneWhenAskedFor() {
        SentimentModel model = SentimentModels.forOption(SentimentModels.RULES, SentimentModels.DEFAULT_MODEL_WEIGHT);
        assertEquals("rules-" + SentimentLexicon.loadDefault().version(), model.version());
    }

    @Test
    void shouldRefuseAnOptionThatIsNeitherAModelNameNorAFile() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SentimentModels.forOption("no-such-model.json", SentimentModels.DEFAULT_MODEL_WEIGHT));
        assertTrue(error.getMessage().contains("no-such-model.json"), error.getMessage());
    }

    @Test
    void shouldShipAHeadWhoseVersionMatchesItsTrainingDataLexiconAndEncoder() throws Exception {
        java.util.List<LabelledText> lines = new java.util.ArrayList<>();
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/training/target-sentiment");
        try (var files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : java.nio.file.Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(io.storywatch.json.Json.fromString(line, LabelledText.class));
                    }
                }
            }
        }
        var head = SentimentModels.withShippedHead().head();
        var training = new io.storywatch.stage.score.encoder.HeadTraining(SentimentModels.rulesOnly(),
                io.storywatch.stage.score.encoder.SentenceEncoder.bgeSmallZh(), TargetAliases.loadDefault());
        assertEquals(training.version(lines, io.storywatch.stage.score.encoder.MlpTrainer.Options.DEFAULT,
                io.storywatch.stage.score.encoder.HeadTraining.MEMBERS,
                io.storywatch.stage.score.encoder.HeadTraining.MASK_NAMES), head.version(),
                "retrain with scripts/train-default-model");
        assertEquals(io.storywatch.stage.score.encoder.HeadTraining.MASK_NAMES, head.masksNames(),
                "the shipped head reads names as training does by default");
    }

    @Test
    void shouldBlendTheShippedModelTrainedForTheCurrentLexicon() {
        SentimentModel model = SentimentModels.forOption(SentimentModels.LINEAR, SentimentModels.DEFAULT_MODEL_WEIGHT);
        assertTrue(model.version().startsWith("rules-" + SentimentLexicon.loadDefault().version()
                + "+target-sentiment-"), model.version());
        SentenceInput fired = sentence("董事会解雇了奥特曼。", "董事会", "openai-board", "奥特曼", "sam-altman");
        SentenceSentiment scores = model.score(fired);
        assertTrue(scores.targets().get("sam-altman") <= -0.2, "fired: " + scores.targets());
        assertTrue(Math.abs(scores.targets().get("openai-board")) < 0.2, "the board: " + scores.targets());
    }

    @Test
    void shouldShipAModelWhoseVersionMatchesItsTrainingDataAndLexicon() throws Exception {
        var lines = new java.util.ArrayList<LabelledText>();
        try (var in = getClass().getClassLoader().getResourceAsStream("training/target-sentiment/story-first.jsonl")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(io.storywatch.json.Json.fromString(line, LabelledText.class));
                }
            }
        }
        try (var in = getClass().getClassLoader().getResourceAsStream(SentimentModels.SHIPPED_MODEL)) {
            LinearClassifier shipped = LinearClassifier.load(in);
            assertEquals(ModelTraining.withDefaults(TrainingTask.TARGET_SENTIMENT).version(lines), shipped.version(),
                    "retrain with scripts/train-default-model");
        }
    }
}
