package io.storywatch.stage.score.encoder;

import io.storywatch.stage.score.LabelledText;
import io.storywatch.stage.score.RuleSentimentModel;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetAliases;
import io.storywatch.stage.score.TargetSpan;
import io.storywatch.stage.score.TextFeatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns labelled (sentence, target, label) lines into the head's examples, with the very feature code the score
 * stage runs, and trains the head on them.
 */
public final class HeadTraining {

    public static final String TASK = "target-sentiment";
    public static final List<String> LABELS = List.of("neg", "neu", "pos");
    /** Confidence of an implicit training mention, as the tagger gives a resolved pronoun. */
    private static final double IMPLICIT_CONFIDENCE = 0.7;
    /**
     * How many of a news article's targets are neither praised nor blamed, for the head's label prior: most
     * sentences that name someone just report (see docs/labelling-guide.md).
     */
    public static final double NEUTRAL_SHARE = 0.65;
    /**
     * Whether a head is trained, by default, with the targets' names masked ({@link NameMask}); a head file says how it
     * was trained, so older heads keep reading names as written.
     */
    public static final boolean MASK_NAMES = false;
    /** Networks averaged in a head: fewer vary more from seed to seed. */
    public static final int MEMBERS = 5;
    /** Sentences encoded per progress step. */
    private static final int CHUNK = 256;

    private final RuleSentimentModel rules;
    private final SentenceEncoder encoder;
    private final TargetAliases aliases;

    public HeadTraining(RuleSentimentModel rules, SentenceEncoder encoder, TargetAliases aliases) {
        this.rules = rules;
        this.encoder = encoder;
        this.aliases = aliases;
    }

    /**
     * Training examples ready for the trainer: features, labels, the sentence each came from, and (when asked for)
     * each one's window for a learned attention.
     */
    public record Examples(List<MlpTrainer.Example> examples, List<String> sentences, List<String> facts,
                           int skipped, List<TargetWindow> windows) {
    }

    /**
     * Groups lines by sentence so every target of a sentence is present when the rules read it (as in an article),
     * then encodes each sentence once (its targets' names masked if {@code maskNames}). Lines whose target does not
     * occur in their text are skipped and counted.
     */
    public Examples examples(List<LabelledText> lines, List<String> knownFacts, boolean maskNames,
                             Consumer<String> progress) {
        return examples(lines, knownFacts, maskNames, false, progress);
    }

    /** As above; with {@code withWindows}, each example's {@link TargetWindow} too. */
    public Examples examples(List<LabelledText> lines, List<String> knownFacts, boolean maskNames, boolean withWindows,
                             Consumer<String> progress) {
        Map<String, List<LabelledText>> byText = new LinkedHashMap<>();
        int skipped = 0;
        for (LabelledText line : lines) {
            if (line.text() == null || line.target() == null || line.label() == null
                    || aliases.locate(line.text(), line.target()).isEmpty()) {
                skipped++;
                continue;
            }
            byText.computeIfAbsent(line.text(), t -> new ArrayList<>()).add(line);
        }
        List<SentenceInput> inputs = new ArrayList<>(byText.size());
        byText.forEach((text, group) -> inputs.add(input(text, group)));
        List<String> facts = knownFacts;
        if (facts == null) {
            TreeSet<String> found = new TreeSet<>();
            inputs.forEach(input -> rules.analyse(input).targetFacts().values().forEach(found::addAll));
            facts = List.copyOf(found);
        }
        List<MlpTrainer.Example> examples = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        List<TargetWindow> windows = withWindows ? new ArrayList<>() : null;
        List<List<LabelledText>> groups = new ArrayList<>(byText.values());
        for (int from = 0; from < inputs.size(); from += CHUNK) {
            int to = Math.min(inputs.size(), from + CHUNK);
            List<Map<String, float[]>> features = new ArrayList<>();
            List<Map<String, TargetWindow>> chunkWindows = withWindows ? new ArrayList<>() : null;
            EncoderSentimentModel.targetFeatures(rules, encoder, inputs.subList(from, to), facts, maskNames, null,
                    features, chunkWindows);
            for (int s = from; s < to; s++) {
                for (LabelledText line : groups.get(s)) {
                    examples.add(new MlpTrainer.Example(features.get(s - from).get(line.target()),
                            LABELS.indexOf(line.label())));
                    sentences.add(line.text());
                    if (withWindows) {
                        windows.add(chunkWindows.get(s - from).get(line.target()));
                    }
                }
            }
            progress.accept("encoded " + to + "/" + inputs.size() + " sentences");
        }
        return new Examples(examples, sentences, facts, skipped, windows);
    }

    /**
     * One training line as the encoder reads it, for fine-tuning the encoder outside Java ({@code
     * scripts/finetune-encoder}): the vocabulary ids of the text the encoder reads for the target (see {@link
     * TargetText}), the indexes of the target's own tokens (the ones the head pools), and whether the line is among
     * the sentences {@link #train} holds out.
     */
    public record TokenizedLine(String text, String target, String label, int[] ids, int[] targetTokens,
                                boolean heldOut) {
    }

    /**
     * Every line whose target occurs in its text, tokenized as {@link #examples} reads it (the encoder's tokenizer
     * and length cap), in order of sentence.
     */
    public static List<TokenizedLine> tokenizedLines(List<LabelledText> lines, TargetAliases aliases,
                                                     WordPieceTokenizer tokenizer, int maxTokens,
                                                     double heldOutShare, boolean maskNames) {
        Map<String, List<LabelledText>> byText = new LinkedHashMap<>();
        for (LabelledText line : lines) {
            if (line.text() != null && line.target() != null && line.label() != null
                    && !aliases.locate(line.text(), line.target()).isEmpty()) {
                byText.computeIfAbsent(line.text(), t -> new ArrayList<>()).add(line);
            }
        }
        List<TokenizedLine> out = new ArrayList<>();
        byText.forEach((text, group) -> {
            SentenceInput input = input(aliases, text, group);
            for (LabelledText line : group) {
                TargetText view = TargetText.of(input, line.target(), tokenizer, maxTokens, maskNames);
                TreeSet<Integer> own = new TreeSet<>();
                view.spans().forEach(span -> {
                    for (int t : view.tokens().tokensWithin(span.start(), span.end())) {
                        own.add(t);
                    }
                });
                out.add(new TokenizedLine(text, line.target(), line.label(), view.tokens().ids(),
                        own.stream().mapToInt(Integer::intValue).toArray(), isHeldOut(text, heldOutShare)));
            }
        });
        return out;
    }

    /** Whether {@link #train} holds a sentence out: by a hash of its text, so a sentence's targets stay together. */
    static boolean isHeldOut(String sentence, double heldOutShare) {
        return Math.floorMod(sentence.hashCode(), 1000) < heldOutShare * 1000;
    }

    /** One prediction: the most probable label and P(pos) - P(neg). */
    public record Prediction(String label, double score) {
    }

    /**
     * Predicts each line's label with a trained head, in order; a line whose target is not in its text gets no
     * prediction (null) rather than a guess.
     */
    public List<Prediction> predict(MlpHead head, List<LabelledText> lines) {
        List<Prediction> predictions = new ArrayList<>(lines.size());
        for (LabelledText line : lines) {
            if (line.text() == null || line.target() == null
                    || aliases.locate(line.text(), line.target()).isEmpty()) {
                predictions.add(null);
                continue;
            }
            List<Map<String, float[]>> features = new ArrayList<>();
            EncoderSentimentModel.targetFeatures(rules, encoder, List.of(input(line.text(), List.of(line))),
                    head.facts(), head.masksNames(), head.attention(), features, null);
            double[] p = head.probabilities(features.get(0).get(line.target()));
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            double score = p[head.labels().indexOf("pos")] - p[head.labels().indexOf("neg")];
            predictions.add(new Prediction(head.labels().get(best), Math.round(score * 10000) / 10000.0));
        }
        return predictions;
    }

    private SentenceInput input(String text, List<LabelledText> group) {
        return input(aliases, text, group);
    }

    private static SentenceInput input(TargetAliases aliases, String text, List<LabelledText> group) {
        List<TargetSpan> spans = new ArrayList<>();
        for (LabelledText line : group) {
            if (spans.stream().anyMatch(s -> s.target().equals(line.target()))) {
                continue;
            }
            for (TargetSpan span : aliases.locate(text, line.target())) {
                spans.add(line.isImplicit()
                        ? new TargetSpan(line.target(), span.start(), span.end(), true, IMPLICIT_CONFIDENCE)
                        : span);
            }
        }
        return new SentenceInput(text, TextFeatures.tokens(text), spans);
    }

    /**
     * Trains a head on every line, holding out about {@code heldOutShare} of the sentences (chosen by a hash of the
     * text, so a sentence's targets stay together) to pick the best epoch; with {@code maskNames} the encoder reads
     * the targets' names masked ({@link NameMask}), and so will every user of the head.
     */
    public MlpHead train(List<LabelledText> lines, MlpTrainer.Options options, int members, double heldOutShare,
                         boolean maskNames, Consumer<String> progress) {
        return train(lines, options, members, heldOutShare, maskNames, null, progress);
    }

    /**
     * As above; with {@code attention} options (not null), first trains a {@link TargetAttention} on the same split
     * ({@link AttentionTrainer}), fixes it, and trains the head on the features with its vector appended.
     */
    public MlpHead train(List<LabelledText> lines, MlpTrainer.Options options, int members, double heldOutShare,
                         boolean maskNames, AttentionTrainer.Options attention, Consumer<String> progress) {
        for (LabelledText line : lines) {
            if (line.label() != null && !LABELS.contains(line.label())) {
                throw new IllegalArgumentException("label " + line.label() + " is not one of " + LABELS
                        + " (line: " + line.text() + ")");
            }
        }
        Examples all = examples(lines, null, maskNames, attention != null, progress);
        TargetAttention learned = attention == null ? null : trainAttention(all, heldOutShare, attention, progress);
        List<MlpTrainer.Example> training = new ArrayList<>();
        List<MlpTrainer.Example> heldOut = new ArrayList<>();
        for (int i = 0; i < all.examples().size(); i++) {
            MlpTrainer.Example example = all.examples().get(i);
            if (learned != null) {
                example = new MlpTrainer.Example(TargetFeatures.appended(example.features(),
                        learned.pool(all.windows().get(i))), example.label());
            }
            (isHeldOut(all.sentences().get(i), heldOutShare) ? heldOut : training).add(example);
        }
        progress.accept(String.format("training %d network(s) on %d examples (%d held out, %d lines skipped: target "
                + "not in text)", members, training.size(), heldOut.size(), all.skipped()));
        String version = version(lines, options, members, maskNames, attention);
        List<MlpHead> heads = MlpTrainer.trainMembers(TASK, version, encoder.version(), LABELS, all.facts(),
                training, heldOut, options, members, m -> epoch -> progress.accept(String.format(
                        "network %d/%d, epoch %d: loss %.4f, held-out macro-F1 %.4f", m + 1, members, epoch.epoch(),
                        epoch.loss(), epoch.heldOutMacroF1())));
        MlpHead head = MlpHead.ensemble(version, heads).withMaskedNames(maskNames).withAttention(learned);
        if (!heldOut.isEmpty()) {
            progress.accept(String.format("held-out macro-F1 of the %d network(s) together: %.4f", members,
                    MlpTrainer.macroF1(head, heldOut, LABELS.size())));
        }
        return head;
    }

    private static TargetAttention trainAttention(Examples all, double heldOutShare, AttentionTrainer.Options options,
                                                  Consumer<String> progress) {
        List<AttentionTrainer.Example> training = new ArrayList<>();
        List<AttentionTrainer.Example> heldOut = new ArrayList<>();
        for (int i = 0; i < all.examples().size(); i++) {
            AttentionTrainer.Example example = new AttentionTrainer.Example(all.windows().get(i),
                    all.examples().get(i).label());
            (isHeldOut(all.sentences().get(i), heldOutShare) ? heldOut : training).add(example);
        }
        progress.accept(String.format("training the attention around the target (rank %d) on %d examples",
                options.rank(), training.size()));
        return AttentionTrainer.train(training, heldOut, LABELS.size(), options, epoch -> progress.accept(
                String.format("attention, epoch %d: loss %.4f, held-out macro-F1 %.4f", epoch.epoch(), epoch.loss(),
                        epoch.heldOutMacroF1())));
    }

    /** The label prior, in the order of {@link #LABELS}, for a neutral share; pos and neg split the rest. */
    public static double[] prior(double neutralShare) {
        if (!(neutralShare > 0 && neutralShare < 1)) {
            throw new IllegalArgumentException("the neutral share must lie strictly between 0 and 1: " + neutralShare);
        }
        double polar = (1 - neutralShare) / 2;
        return new double[] {polar, neutralShare, polar};
    }

    /**
     * Names a head by its task, encoder, tokenizer, lexicon, name masking, training lines and options: the same inputs
     * give the same name.
     */
    public String version(List<LabelledText> lines, MlpTrainer.Options options, int members, boolean maskNames) {
        return version(lines, options, members, maskNames, null);
    }

    /** As above, for a head that reads a learned attention trained with {@code attention} (null: none). */
    public String version(List<LabelledText> lines, MlpTrainer.Options options, int members, boolean maskNames,
                          AttentionTrainer.Options attention) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((rules.lexicon().version() + "\n" + encoder.version() + "\n"
                    + WordPieceTokenizer.NORMALISATION + "\n" + (maskNames ? "names-masked\n" : "")
                    + (attention == null ? "" : "attention " + attention + "\n") + options + "\n" + members + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (LabelledText line : lines) {
                digest.update((line.text() + "\t" + line.target() + "\t" + line.label() + "\t" + line.isImplicit()
                        + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return TASK + "-head-" + HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
