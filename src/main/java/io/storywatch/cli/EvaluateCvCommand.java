package io.storywatch.cli;

import io.storywatch.eval.CrossValidation;
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

/** Prints k-fold cross-validation figures of the trainable model on a labelled benchmark file. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "K-fold cross-validation of train/predict on a benchmark: NLPCC 2016 stance TSV "
                + "(ID, TARGET, TEXT, STANCE; folds within each target), ChnSentiCorp TSV (label, text_a), or JSONL "
                + "{\"text\", \"target\"?, \"label\"}.")
public final class EvaluateCvCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, description = "stance, polarity or target-sentiment")
    String task;

    @Option(names = "--input", required = true, description = "benchmark file (TSV or JSONL)")
    Path input;

    @Option(names = "--folds", defaultValue = "5", description = "number of folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--epochs", defaultValue = "12", description = "passes over the data (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--json", description = "also write the figures to this file")
    Path json;

    @Override
    public Integer call() throws IOException {
        TrainingTask trainingTask = TrainingTask.parse(task);
        List<LabelledText> lines = read(input, trainingTask);
        LinearClassifier.Options d = LinearClassifier.Options.DEFAULT;
        long started = System.nanoTime();
        CrossValidation.Result result = CrossValidation.run(trainingTask, lines, folds,
                new LinearClassifier.Options(epochs, d.learningRate(), d.l2(), d.minCount(), d.seed()),
                ModelTraining.withDefaults(trainingTask));
        System.out.printf("%s: %d examples, %d-fold cross-validation (%.0f s)%n", result.task(), result.examples(),
                result.folds(), (System.nanoTime() - started) / 1e9);
        System.out.printf("accuracy: %.4f%n", result.accuracy());
        result.perLabel().forEach((label, s) -> System.out.printf("  %-8s P %.3f  R %.3f  F1 %.3f%n", label, s[0],
                s[1], s[2]));
        result.perGroupHeadline().forEach((group, v) -> System.out.printf("  target %s: %.4f%n", group, v));
        System.out.printf("%s: %.4f%n", result.headlineName(), result.headline());
        if (json != null) {
            Files.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        }
        return 0;
    }

    /** Reads NLPCC stance TSV, ChnSentiCorp TSV (1 = pos) or JSONL; unlabelled rows are skipped. */
    static List<LabelledText> read(Path path, TrainingTask task) throws IOException {
        List<String> raw = Files.readAllLines(path);
        List<LabelledText> lines = new ArrayList<>();
        if (path.toString().endsWith(".jsonl")) {
            return TrainCommand.readLines(path);
        }
        String[] header = raw.get(0).split("\t");
        for (String row : raw.subList(1, raw.size())) {
            String[] f = row.split("\t", -1);
            if (header.length >= 4 && header[1].equals("TARGET")) {
                if (f.length >= 4 && !f[3].isBlank()) {
                    lines.add(new LabelledText(f[2], f[1], f[3].strip()));
                }
            } else if (f.length >= 2 && !f[0].isBlank()) {
                String label = f[0].strip().equals("1") ? "pos" : f[0].strip().equals("0") ? "neg" : f[0].strip();
                lines.add(new LabelledText(f[1], null, label));
            }
        }
        return lines;
    }
}
