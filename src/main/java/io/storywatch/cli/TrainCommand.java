package io.storywatch.cli;

import io.storywatch.json.Json;
import io.storywatch.stage.score.LabelledText;
import io.storywatch.stage.score.LinearClassifier;
import io.storywatch.stage.score.ModelTraining;
import io.storywatch.stage.score.TrainingTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Learns a linear model from labelled JSONL and writes it as a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model from JSONL lines {\"text\", \"target\"?, \"label\"}: target-sentiment "
                + "(pos|neg|neu, target = entity id or name), stance (FAVOR|AGAINST|NONE, target = phrase), "
                + "polarity (pos|neg).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, description = "target-sentiment, stance or polarity")
    String task;

    @Option(names = "--input", required = true, description = "training JSONL")
    Path input;

    @Option(names = "--model", required = true, description = "model file to write (JSON)")
    Path model;

    @Option(names = "--epochs", defaultValue = "12", description = "passes over the data (default ${DEFAULT-VALUE})")
    int epochs;

    @Override
    public Integer call() throws IOException {
        TrainingTask trainingTask = TrainingTask.parse(task);
        List<LabelledText> lines = readLines(input);
        LinearClassifier.Options defaults = LinearClassifier.Options.DEFAULT;
        LinearClassifier classifier = ModelTraining.withDefaults(trainingTask).train(lines,
                new LinearClassifier.Options(epochs, defaults.learningRate(), defaults.l2(), defaults.minCount(),
                        defaults.seed()));
        classifier.save(model);
        System.out.printf("trained %s on %d lines: %d features, labels %s, version %s -> %s%n", trainingTask,
                lines.size(), classifier.featureCount(), classifier.labels(), classifier.version(), model);
        return 0;
    }

    static List<LabelledText> readLines(Path path) throws IOException {
        List<LabelledText> lines = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            if (!line.isBlank()) {
                lines.add(Json.fromString(line, LabelledText.class));
            }
        }
        return lines;
    }
}
