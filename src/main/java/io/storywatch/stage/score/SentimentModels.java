package io.storywatch.stage.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The ways a score stage gets its sentiment model: rules alone, or rules with a trained model beside them. */
public final class SentimentModels {

    /** Where the default target-sentiment model ships in the jar. */
    public static final String DEFAULT_MODEL = "models/target-sentiment.json";
    /** The classifier's share in a blended target score (measured with {@code evaluate sentiment --model-weight}). */
    public static final double DEFAULT_MODEL_WEIGHT = 0.2;

    private SentimentModels() {
    }

    /** The shipped lexicon's rules alone. */
    public static RuleSentimentModel rulesOnly() {
        return new RuleSentimentModel(SentimentLexicon.loadDefault());
    }

    /** The shipped lexicon and the shipped model; rules alone if no model ships. */
    public static SentimentModel loadDefault() {
        try (InputStream in = SentimentModels.class.getClassLoader().getResourceAsStream(DEFAULT_MODEL)) {
            if (in == null) {
                return rulesOnly();
            }
            return new BlendedSentimentModel(rulesOnly(), LinearClassifier.load(in), DEFAULT_MODEL_WEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_MODEL, e);
        }
    }

    /** The shipped lexicon's rules with the trained target-sentiment model in {@code modelFile}. */
    public static SentimentModel withModel(Path modelFile, double modelWeight) {
        return new BlendedSentimentModel(rulesOnly(), LinearClassifier.load(modelFile), modelWeight);
    }
}
