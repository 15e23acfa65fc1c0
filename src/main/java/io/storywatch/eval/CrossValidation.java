package io.storywatch.eval;

import io.storywatch.stage.score.LabelledText;
import io.storywatch.stage.score.LinearClassifier;
import io.storywatch.stage.score.ModelTraining;
import io.storywatch.stage.score.TrainingTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-fold cross-validation of the trainable model on a public benchmark, using the same feature extraction, training
 * and prediction as the {@code train} and {@code predict} commands; stance is validated within each target.
 */
public final class CrossValidation {

    /** Per-label precision, recall and F1, accuracy, and the benchmark's own headline figure. */
    public record Result(String task, int examples, int folds, double accuracy, Map<String, double[]> perLabel,
                         double headline, String headlineName, Map<String, Double> perGroupHeadline) {
    }

    private CrossValidation() {
    }

    public static Result run(TrainingTask task, List<LabelledText> lines, int folds, LinearClassifier.Options options,
                             ModelTraining training) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String group = task == TrainingTask.STANCE ? lines.get(i).target() : "all";
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(i);
        }
        List<List<String>> features = lines.parallelStream().map(training::features).toList();
        String[] predicted = new String[lines.size()];
        for (List<Integer> members : groups.values()) {
            List<Integer> shuffled = new ArrayList<>(members);
            java.util.Collections.shuffle(shuffled, new Random(options.seed()));
            for (int fold = 0; fold < folds; fold++) {
                List<List<String>> trainX = new ArrayList<>();
                List<String> trainY = new ArrayList<>();
                List<Integer> test = new ArrayList<>();
                for (int k = 0; k < shuffled.size(); k++) {
                    int i = shuffled.get(k);
                    if (k % folds == fold) {
                        test.add(i);
                    } else {
                        trainX.add(features.get(i));
                        trainY.add(task.label(lines.get(i).label()));
                    }
                }
                LinearClassifier model = training.trainOnFeatures(trainX, trainY, "cv-fold-" + fold, options);
                for (int i : test) {
                    predicted[i] = training.predictFeatures(model, features.get(i)).label();
                }
            }
        }
        List<String> gold = lines.stream().map(l -> task.label(l.label())).toList();
        Map<String, double[]> perLabel = perLabel(task, gold, List.of(predicted));
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            correct += gold.get(i).equals(predicted[i]) ? 1 : 0;
        }
        double accuracy = (double) correct / gold.size();
        Map<String, Double> perGroup = new LinkedHashMap<>();
        if (task == TrainingTask.STANCE) {
            groups.forEach((group, members) -> {
                Map<String, double[]> scores = perLabel(task, members.stream().map(gold::get).toList(),
                        members.stream().map(i -> predicted[i]).toList());
                perGroup.put(group, (scores.get("FAVOR")[2] + scores.get("AGAINST")[2]) / 2);
            });
            double headline = (perLabel.get("FAVOR")[2] + perLabel.get("AGAINST")[2]) / 2;
            return new Result(task.id(), lines.size(), folds, accuracy, perLabel, headline,
                    "mean of FAVOR-F1 and AGAINST-F1", perGroup);
        }
        return new Result(task.id(), lines.size(), folds, accuracy, perLabel, accuracy, "accuracy", perGroup);
    }

    private static Map<String, double[]> perLabel(TrainingTask task, List<String> gold, List<String> predicted) {
        Map<String, double[]> result = new LinkedHashMap<>();
        for (String label : task.labels()) {
            int tp = 0;
            int goldCount = 0;
            int predictedCount = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean g = gold.get(i).equals(label);
                boolean p = label.equals(predicted.get(i));
                tp += g && p ? 1 : 0;
                goldCount += g ? 1 : 0;
                predictedCount += p ? 1 : 0;
            }
            double precision = predictedCount == 0 ? 0 : (double) tp / predictedCount;
            double recall = goldCount == 0 ? 0 : (double) tp / goldCount;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            result.put(label, new double[] {precision, recall, f1});
        }
        return result;
    }
}
