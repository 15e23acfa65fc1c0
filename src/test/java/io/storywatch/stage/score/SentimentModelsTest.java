package io.storywatch.stage.score;

import static io.storywatch.stage.score.Sentences.sentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SentimentModelsTest {

    @Test
    void shouldScoreWithTheRulesAloneWhenNoModelIsAskedFor() {
        SentimentModel model = SentimentModels.forOption(null, SentimentModels.DEFAULT_MODEL_WEIGHT);
        assertEquals("rules-" + SentimentLexicon.loadDefault().version(), model.version());
    }

    @Test
    void shouldBlendTheShippedModelTrainedForTheCurrentLexicon() {
        SentimentModel model = SentimentModels.forOption(SentimentModels.SHIPPED, SentimentModels.DEFAULT_MODEL_WEIGHT);
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
        try (var in = getClass().getClassLoader().getResourceAsStream("training/target-sentiment.jsonl")) {
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
