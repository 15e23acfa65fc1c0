package io.storywatch.stage.score.encoder;

import io.storywatch.stage.score.TargetSpan;
import java.util.List;
import java.util.Set;

/**
 * The head's input for one target of one encoded sentence: the target's own tokens pooled, the words around it, the
 * [CLS] vector, the whole sentence, the clauses that hold the target, and the lexicon rules' signals about it. Five
 * encoder-wide blocks and a few rule numbers; with a learned {@link TargetAttention}, its pooled vector as a sixth
 * block after them.
 */
public final class TargetFeatures {

    static final int BLOCKS = 5;
    /** Clause breaks: a target's clause runs between the nearest of these on either side. */
    private static final String CLAUSE_BREAKS = "，,；;。！!？?：:";
    /** Tokens on each side of a mention that make up its context. */
    static final int CONTEXT = 8;
    /** Rule numbers before the fact flags: target score, sentence score, 5 score buckets, implicit, targets, no-tokens. */
    static final int RULE_NUMBERS = 10;

    private TargetFeatures() {
    }

    /** Width of the vector {@link #of} builds for an encoder of {@code dimensions} and {@code facts} fact flags. */
    public static int width(int dimensions, int facts) {
        return BLOCKS * dimensions + RULE_NUMBERS + facts;
    }

    /**
     * @param encoded the sentence (or the part of it that was encoded), offsets relative to its text
     * @param spans the target's mentions, shifted to {@code encoded}'s text
     * @param signals what the lexicon rules found about the target
     * @param factNames the fact flags the head knows, in order
     */
    public static float[] of(EncodedText encoded, List<TargetSpan> spans, RuleSignals signals, List<String> factNames) {
        return of(encoded, spans, signals, factNames, null);
    }

    /** As above, with {@code attention}'s vector for the target appended when it is not null. */
    public static float[] of(EncodedText encoded, List<TargetSpan> spans, RuleSignals signals, List<String> factNames,
                             TargetAttention attention) {
        float[] fixed = fixedBlocks(encoded, spans, signals, factNames);
        return attention == null ? fixed : appended(fixed, attention.pool(TargetWindow.of(encoded, spans)));
    }

    /** The features followed by a learned block. */
    static float[] appended(float[] features, float[] block) {
        float[] out = java.util.Arrays.copyOf(features, features.length + block.length);
        System.arraycopy(block, 0, out, features.length, block.length);
        return out;
    }

    private static float[] fixedBlocks(EncodedText encoded, List<TargetSpan> spans, RuleSignals signals,
                                       List<String> factNames) {
        int d = encoded.dimensions();
        float[] out = new float[width(d, factNames.size())];
        float[][] states = encoded.states();
        TokenizedText tokens = encoded.tokens();
        int n = tokens.length();
        boolean[] own = ownTokens(tokens, spans);
        int ownCount = count(own);
        boolean[] context = new boolean[n];
        int contextCount = 0;
        for (int t = 1; t < n - 1; t++) {
            if (own[t]) {
                for (int c = Math.max(1, t - CONTEXT); c <= Math.min(n - 2, t + CONTEXT); c++) {
                    if (!own[c] && !context[c]) {
                        context[c] = true;
                        contextCount++;
                    }
                }
            }
        }
        boolean[] clause = new boolean[n];
        int clauseCount = 0;
        for (int t = 1; t < n - 1; t++) {
            if (own[t]) {
                int from = t;
                while (from > 1 && !isBreak(tokens, from - 1)) {
                    from--;
                }
                int to = t;
                while (to < n - 2 && !isBreak(tokens, to + 1)) {
                    to++;
                }
                for (int c = from; c <= to; c++) {
                    if (!clause[c]) {
                        clause[c] = true;
                        clauseCount++;
                    }
                }
            }
        }
        for (int t = 1; t < n - 1; t++) {
            float[] v = states[t];
            for (int k = 0; k < d; k++) {
                if (own[t]) {
                    out[k] += v[k] / ownCount;
                }
                if (context[t]) {
                    out[d + k] += v[k] / contextCount;
                }
                out[3 * d + k] += v[k] / Math.max(1, n - 2);
                if (clause[t]) {
                    out[4 * d + k] += v[k] / clauseCount;
                }
            }
        }
        if (n > 0) {
            System.arraycopy(states[0], 0, out, 2 * d, d);
        }
        int at = BLOCKS * d;
        out[at] = (float) Math.tanh(signals.targetRaw());
        out[at + 1] = (float) Math.tanh(signals.sentenceRaw());
        out[at + 2 + bucket(signals.targetRaw())] = 1;
        out[at + 7] = signals.implicit() ? 1 : 0;
        out[at + 8] = (float) Math.log(1 + signals.targetsInSentence());
        out[at + 9] = ownCount == 0 ? 1 : 0;
        for (int f = 0; f < factNames.size(); f++) {
            if (signals.facts().contains(factNames.get(f))) {
                out[at + RULE_NUMBERS + f] = 1;
            }
        }
        return out;
    }

    /** Which tokens the target's mentions cover. */
    static boolean[] ownTokens(TokenizedText tokens, List<TargetSpan> spans) {
        boolean[] own = new boolean[tokens.length()];
        for (TargetSpan span : spans) {
            for (int t : tokens.tokensWithin(span.start(), span.end())) {
                own[t] = true;
            }
        }
        return own;
    }

    static int count(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            count += flag ? 1 : 0;
        }
        return count;
    }

    private static boolean isBreak(TokenizedText tokens, int t) {
        int start = tokens.starts()[t];
        return tokens.ends()[t] - start == 1 && CLAUSE_BREAKS.indexOf(tokens.text().charAt(start)) >= 0;
    }

    private static int bucket(double raw) {
        return raw <= -1 ? 0 : raw <= -0.25 ? 1 : raw < 0.25 ? 2 : raw < 1 ? 3 : 4;
    }

    /** What the lexicon rules say about one target, as the head reads it. */
    public record RuleSignals(double targetRaw, double sentenceRaw, Set<String> facts, boolean implicit,
                              int targetsInSentence) {
        public RuleSignals {
            facts = Set.copyOf(facts);
        }
    }
}
