package io.storywatch.cli;

import io.storywatch.json.Json;
import io.storywatch.stage.score.LabelledText;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.stage.score.TargetAliases;
import io.storywatch.stage.score.encoder.HeadTraining;
import io.storywatch.stage.score.encoder.MlpHead;
import io.storywatch.stage.score.encoder.SentenceEncoder;
import io.storywatch.stage.score.LinearClassifier;
import io.storywatch.stage.score.ModelTraining;
import io.storywatch.stage.score.TrainingTask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Applies a trained model to JSONL lines, writing one {"label", "score"} line per input line, in order. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a model file: reads JSONL {\"text\", \"target\"?}, writes {\"label\", \"score\"} "
                + "per line in order.")
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model file written by train")
    Path model;

    @Option(names = "--input", required = true, description = "JSONL to label")
    Path input;

    @Option(names = "--output", description = "where to write (default: standard output)")
    Path output;

    @Override
    public Integer call() throws IOException {
        List<LabelledText> lines = TrainCommand.readLines(input);
        try (PrintWriter out = output == null
                ? new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)))
                : new PrintWriter(Files.newBufferedWriter(output))) {
            if (MlpHead.isHead(model)) {
                MlpHead head = MlpHead.load(model);
                HeadTraining training = new HeadTraining(SentimentModels.rulesOnly(),
                        SentenceEncoder.forVersion(head.encoder()), TargetAliases.loadDefault());
                for (HeadTraining.Prediction prediction : training.predict(head, lines)) {
                    out.println(prediction == null ? "{\"error\":\"target not found in text\"}"
                            : Json.toString(prediction));
                }
                return 0;
            }
            LinearClassifier classifier = LinearClassifier.load(model);
            ModelTraining training = ModelTraining.withDefaults(TrainingTask.parse(classifier.task()));
            for (LabelledText line : lines) {
                out.println(Json.toString(training.predict(classifier, line)));
            }
        }
        return 0;
    }
}
