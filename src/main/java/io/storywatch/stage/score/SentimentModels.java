package io.storywatch.stage.score;

import io.storywatch.stage.score.encoder.EncoderSentimentModel;
import io.storywatch.stage.score.encoder.MlpHead;
import io.storywatch.stage.score.encoder.SentenceEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The ways a score stage gets its sentiment model, named by one option value ({@code --sentiment}):
 * {@code encoder} (the default: the pretrained encoder with the shipped head, the rules as its features),
 * {@code rules} (the lexicon rules alone, the fallback), {@code linear} (the rules blended with the shipped linear
 * model), or a model file written by {@code train} (a head or a linear model, told apart by its format).
 */
public final class SentimentModels {

    /** Where the default target-sentiment head ships in the jar. */
    public static final String SHIPPED_HEAD = "models/target-sentiment-head.json";
    /** Where the linear target-sentiment model ships in the jar. */
    public static final String SHIPPED_MODEL = "models/target-sentiment.json";
    public static final String ENCODER = "encoder";
    public static final String RULES = "rules";
    public static final String LINEAR = "linear";
    /** The value that used to name the shipped linear model; kept as a synonym of {@link #LINEAR}. */
    public static final String SHIPPED = "default";
    /** The classifier's share in a blended target score (measured with {@code evaluate sentiment --model-weight}). */
    public static final double DEFAULT_MODEL_WEIGHT = 0.2;
    public static final String OPTION_HELP = "encoder (default: pretrained encoder + trained head), rules (lexicon "
            + "rules alone), linear (rules blended with the shipped linear model), or a model file from train";

    private SentimentModels() {
    }

    /** The shipped lexicon's rules alone. */
    public static RuleSentimentModel rulesOnly() {
        return new RuleSentimentModel(SentimentLexicon.loadDefault());
    }

    /** The sentiment model the stream, {@code analyze} and {@code evaluate} use unless told otherwise. */
    public static SentimentModel loadDefault() {
        return withShippedHead();
    }

    /** What a {@code --sentiment} option asks for; null or blank means the default. */
    public static SentimentModel forOption(String option, double modelWeight) {
        if (option == null || option.isBlank() || option.equals(ENCODER)) {
            return withShippedHead();
        }
        if (option.equals(RULES)) {
            return rulesOnly();
        }
        if (option.equals(LINEAR) || option.equals(SHIPPED)) {
            return withShippedModel(modelWeight);
        }
        Path file = Path.of(option);
        if (!file.toFile().isFile()) {
            throw new IllegalArgumentException("--sentiment " + option + ": not " + OPTION_HELP);
        }
        return MlpHead.isHead(file) ? withHead(MlpHead.load(file)) : withModel(file, modelWeight);
    }

    /** The encoder with the head shipped in the jar. */
    public static EncoderSentimentModel withShippedHead() {
        try (InputStream in = resource(SHIPPED_HEAD)) {
            return withHead(MlpHead.load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED_HEAD, e);
        }
    }

    public static EncoderSentimentModel withHead(MlpHead head) {
        return new EncoderSentimentModel(rulesOnly(), SentenceEncoder.forVersion(head.encoder()), head);
    }

    /** The shipped lexicon's rules with the shipped linear target-sentiment model. */
    public static SentimentModel withShippedModel(double modelWeight) {
        try (InputStream in = resource(SHIPPED_MODEL)) {
            return new BlendedSentimentModel(rulesOnly(), LinearClassifier.load(in), modelWeight);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED_MODEL, e);
        }
    }

    /** The shipped lexicon's rules with the trained linear target-sentiment model in {@code modelFile}. */
    public static SentimentModel withModel(Path modelFile, double modelWeight) {
        return new BlendedSentimentModel(rulesOnly(), LinearClassifier.load(modelFile), modelWeight);
    }

    private static InputStream resource(String name) {
        InputStream in = SentimentModels.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return in;
    }
}
