package io.storywatch.stage.score;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Trains and applies a {@link LinearClassifier} for one {@link TrainingTask}, so the {@code train}/{@code predict}
 * commands, cross-validation and the score stage extract the same features from the same kind of line.
 */
public final class ModelTraining {

    /** One prediction: the label and a signed score (P(pos) - P(neg), or P(FAVOR) - P(AGAINST)) in [-1, 1]. */
    public record Prediction(String label, double score) {
    }

    private final TrainingTask task;
    private final TextFeatures features;
    private final TargetAliases aliases;
    private final String lexiconVersion;

    public ModelTraining(TrainingTask task, RuleSentimentModel rules, TargetAliases aliases) {
        this.task = task;
        this.features = new TextFeatures(rules);
        this.aliases = aliases;
        this.lexiconVersion = rules.lexicon().version();
    }

    public static ModelTraining withDefaults(TrainingTask task) {
        return new ModelTraining(task, SentimentModels.rulesOnly(), TargetAliases.loadDefault());
    }

    public List<String> features(LabelledText line) {
        return switch (task) {
            case POLARITY -> features.polarity(line.text());
            case STANCE -> features.stance(line.text(), line.target() == null ? "" : line.target());
            case TARGET_SENTIMENT -> {
                String target = line.target() == null ? "" : line.target();
                List<TargetSpan> spans = aliases.locate(line.text(), target);
                yield features.targetSentiment(new SentenceInput(line.text(), TextFeatures.tokens(line.text()),
                        spans), target);
            }
        };
    }

    public LinearClassifier train(List<LabelledText> lines, LinearClassifier.Options options) {
        List<List<String>> examples = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (LabelledText line : lines) {
            examples.add(features(line));
            labels.add(task.label(line.label()));
        }
        return trainOnFeatures(examples, labels, version(lines), options);
    }

    public LinearClassifier trainOnFeatures(List<List<String>> examples, List<String> labels, String version,
                                            LinearClassifier.Options options) {
        return LinearClassifier.train(task.id(), version, examples, labels, options);
    }

    public Prediction predict(LinearClassifier model, LabelledText line) {
        return predictFeatures(model, features(line));
    }

    public Prediction predictFeatures(LinearClassifier model, List<String> lineFeatures) {
        double[] p = model.probabilities(lineFeatures);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        int pos = model.labels().indexOf(task.positive());
        int neg = model.labels().indexOf(task.negative());
        double score = (pos >= 0 ? p[pos] : 0) - (neg >= 0 ? p[neg] : 0);
        return new Prediction(model.labels().get(best), Math.round(score * 10000) / 10000.0);
    }

    /**
     * Names a model by its task and a digest of its training lines and of the lexicon whose verdicts it learnt from,
     * so the same data and lexicon give the same version.
     */
    public String version(List<LabelledText> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((lexiconVersion + "\n").getBytes(StandardCharsets.UTF_8));
            for (LabelledText line : lines) {
                digest.update((line.text() + "\t" + line.target() + "\t" + line.label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return task.id() + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
