package io.storywatch.cli;

import io.storywatch.json.Json;
import io.storywatch.stage.score.LabelledText;
import io.storywatch.stage.score.LinearClassifier;
import io.storywatch.stage.score.ModelTraining;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.stage.score.TargetAliases;
import io.storywatch.stage.score.TrainingTask;
import io.storywatch.stage.score.encoder.AttentionTrainer;
import io.storywatch.stage.score.encoder.HeadTraining;
import io.storywatch.stage.score.encoder.MlpHead;
import io.storywatch.stage.score.encoder.MlpTrainer;
import io.storywatch.stage.score.encoder.SentenceEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Learns a model from labelled JSONL and writes it as a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model from JSONL lines {\"text\", \"target\"?, \"label\", \"implicit\"?}: "
                + "target-sentiment (pos|neg|neu, target = entity id or the name/pronoun as written), stance "
                + "(FAVOR|AGAINST|NONE, target = phrase), polarity (pos|neg). --input may be a directory: every "
                + "*.jsonl below it, in name order.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, description = "target-sentiment, stance or polarity")
    String task;

    @Option(names = "--input", required = true, description = "training JSONL, or a directory of them")
    Path input;

    @Option(names = "--model", description = "model file to write (JSON); required unless --export-tokens")
    Path model;

    @Option(names = "--export-tokens", description = "target-sentiment only: instead of training, write each line as "
            + "the encoder reads it (JSONL: text, target, label, ids, targetTokens, heldOut) for "
            + "scripts/finetune-encoder")
    Path exportTokens;

    @Option(names = "--head", defaultValue = "encoder", description = "target-sentiment only: encoder (an MLP "
            + "head over the pretrained encoder, the default) or linear (the sparse linear model)")
    String head;

    @Option(names = "--epochs", description = "passes over the data (default: 12 linear, "
            + MlpTrainer.Options.DEFAULT_EPOCHS + " encoder head)")
    Integer epochs;

    @Option(names = "--hidden", defaultValue = "" + MlpTrainer.Options.DEFAULT_HIDDEN,
            description = "encoder head: hidden units (default ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--seed", defaultValue = "" + MlpTrainer.Options.DEFAULT_SEED,
            description = "encoder head: random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--members", defaultValue = "" + HeadTraining.MEMBERS,
            description = "encoder head: networks trained with successive seeds and averaged (default ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--held-out", defaultValue = "0.1",
            description = "encoder head: share of sentences held out to choose the epoch (default ${DEFAULT-VALUE})")
    double heldOut;

    @Option(names = "--neutral-share", defaultValue = "" + HeadTraining.NEUTRAL_SHARE,
            description = "encoder head: the share of neutral targets expected in news (the rest split evenly between "
                    + "pos and neg); the head is trained on balanced labels and moved to this prior (default "
                    + "${DEFAULT-VALUE})")
    double neutralShare;

    @Option(names = "--names", description = "encoder head: how the encoder reads the targets' names, masked (each "
            + "target's names replaced by a placeholder, so the head learns from what is said about it) or as-written "
            + "(default: " + (HeadTraining.MASK_NAMES ? "masked" : "as-written") + ")")
    String names;

    @Option(names = "--target-attention", description = "encoder head: also learn an attention over the tokens around "
            + "each target (which words to read for it), trained first and then read by the head as one more block")
    boolean targetAttention;

    @Option(names = "--layers", defaultValue = "last", description = "encoder head: which of the encoder's layers "
            + "a token's vector comes from, last (its output) or mean (the average of its four layers' outputs, one "
            + "encoder pass all the same); the head names it in its encoder version (default ${DEFAULT-VALUE})")
    String layers;

    @Override
    public Integer call() throws IOException {
        TrainingTask trainingTask = TrainingTask.parse(task);
        List<LabelledText> lines = readLines(input);
        if (exportTokens != null) {
            if (trainingTask != TrainingTask.TARGET_SENTIMENT) {
                throw new IllegalArgumentException("--export-tokens is for --task target-sentiment only");
            }
            return exportTokens(lines);
        }
        if (model == null) {
            throw new IllegalArgumentException("--model is required");
        }
        if (trainingTask == TrainingTask.TARGET_SENTIMENT && head.equals("encoder")) {
            MlpTrainer.Options defaults = MlpTrainer.Options.DEFAULT;
            MlpTrainer.Options options = new MlpTrainer.Options(hidden, epochs == null ? defaults.epochs() : epochs,
                    defaults.learningRate(), defaults.l2(), defaults.dropout(), defaults.batch(), seed);
            HeadTraining training = new HeadTraining(SentimentModels.rulesOnly(),
                    SentenceEncoder.bgeSmallZh(SentenceEncoder.Layers.parse(layers)), TargetAliases.loadDefault());
            MlpHead trained = training.train(lines, options, members, heldOut, maskNames(),
                            targetAttention ? AttentionTrainer.Options.DEFAULT : null, message -> System.err.println(message))
                    .withPrior(HeadTraining.prior(neutralShare));
            trained.save(model);
            System.out.printf("trained %s head on %d lines: %d inputs, labels %s, version %s -> %s%n", trainingTask,
                    lines.size(), trained.inputs(), trained.labels(), trained.version(), model);
            return 0;
        }
        if (!head.equals("linear") && !head.equals("encoder")) {
            throw new IllegalArgumentException("--head must be encoder or linear, not " + head);
        }
        LinearClassifier.Options defaults = LinearClassifier.Options.DEFAULT;
        LinearClassifier classifier = ModelTraining.withDefaults(trainingTask).train(lines,
                new LinearClassifier.Options(epochs == null ? 12 : epochs, defaults.learningRate(), defaults.l2(),
                        defaults.minCount(), defaults.seed()));
        classifier.save(model);
        System.out.printf("trained %s on %d lines: %d features, labels %s, version %s -> %s%n", trainingTask,
                lines.size(), classifier.featureCount(), classifier.labels(), classifier.version(), model);
        return 0;
    }

    private boolean maskNames() {
        if (names == null) {
            return HeadTraining.MASK_NAMES;
        }
        return switch (names) {
            case "masked" -> true;
            case "as-written" -> false;
            default -> throw new IllegalArgumentException("--names must be masked or as-written, not " + names);
        };
    }

    private int exportTokens(List<LabelledText> lines) throws IOException {
        List<HeadTraining.TokenizedLine> tokenized = HeadTraining.tokenizedLines(lines, TargetAliases.loadDefault(),
                SentenceEncoder.bgeSmallZhTokenizer(), SentenceEncoder.DEFAULT_MAX_TOKENS, heldOut, maskNames());
        try (var out = Files.newBufferedWriter(exportTokens, StandardCharsets.UTF_8)) {
            for (HeadTraining.TokenizedLine line : tokenized) {
                out.write(Json.mapper().writeValueAsString(line));
                out.write('\n');
            }
        }
        System.out.printf("exported %d of %d lines (%d held out; the rest: target not in text) -> %s%n",
                tokenized.size(), lines.size(), tokenized.stream().filter(HeadTraining.TokenizedLine::heldOut).count(),
                exportTokens);
        return 0;
    }

    /** Every line of a JSONL file, or of every *.jsonl file below a directory in path order. */
    static List<LabelledText> readLines(Path path) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        List<LabelledText> lines = new ArrayList<>();
        for (Path file : files) {
            int number = 0;
            for (String line : Files.readAllLines(file)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    lines.add(Json.fromString(line, LabelledText.class));
                } catch (UncheckedIOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + number + " is not a training line: "
                            + e.getMessage(), e);
                }
            }
        }
        return lines;
    }
}
