package io.storywatch.stage.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The ways a score stage gets its sentiment model: the lexicon rules alone (the default: as accurate on the dev
 * gold and a third of the cost), or the rules with a trained model beside them ({@code --model default|FILE}).
 */
public final class SentimentModels {

    /** Where the default target-sentiment model ships in the jar. */
    public static final String SHIPPED_MODEL = "models/target-sentiment.json";
    /** The {@code --model} value that names the shipped model. */
    public static final String SHIPPED = "default";
    /** The classifier's share in a blended target score (measured with {@code evaluate sentiment --model-weight}). */
    public static final double DEFAULT_MODEL_WEIGHT = 0.2;

    private SentimentModels() {
    }

    /** The shipped lexicon's rules alone. */
    public static RuleSentimentModel rulesOnly() {
        return new RuleSentimentModel(SentimentLexicon.loadDefault());
    }

    /**
     * The sentiment model the stream and {@code analyze} use unless told otherwise: the lexicon rules alone, which
     * score the dev gold as well as the blend at a third of the cost.
     */
    public static SentimentModel loadDefault() {
        return rulesOnly();
    }

    /** What a {@code --model} option asks for: null for rules alone, "default" for the shipped model, else a file. */
    public static SentimentModel forOption(String model, double modelWeight) {
        if (model == null || model.isBlank()) {
            return rulesOnly();
        }
        return model.equals(SHIPPED) ? withShippedModel(modelWeight) : withModel(Path.of(model), modelWeight);
    }

    /** The shipped lexicon's rules with the shipped target-sentiment model. */
    public static SentimentModel withShippedModel(double modelWeight) {
        try (InputStream in = SentimentModels.class.getClassLoader().getResourceAsStream(SHIPPED_MODEL)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SHIPPED_MODEL);
            }
            return new BlendedSentimentModel(rulesOnly(), LinearClassifier.load(in), modelWeight);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED_MODEL, e);
        }
    }

    /** The shipped lexicon's rules with the trained target-sentiment model in {@code modelFile}. */
    public static SentimentModel withModel(Path modelFile, double modelWeight) {
        return new BlendedSentimentModel(rulesOnly(), LinearClassifier.load(modelFile), modelWeight);
    }
}
