package io.storywatch.stage.score.encoder;

import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.TargetSpan;
import java.util.Comparator;
import java.util.List;

/**
 * The text the encoder reads for one target of a sentence, and where the target's mentions lie in it: the sentence
 * itself (with the targets' names masked when the head was trained so, see {@link NameMask}), or, when the sentence is longer than the encoder's limit and the target lies past it, a window that starts
 * shortly before the target (never inside a surrogate pair). Targets of one sentence that fit share one text, so it
 * is encoded once.
 */
record TargetText(TokenizedText tokens, List<TargetSpan> spans) {

    /** Characters kept before a target when a long sentence must be encoded from the target on. */
    static final int LEAD = 40;

    static TargetText of(SentenceInput original, String target, WordPieceTokenizer tokenizer, int maxTokens,
                         boolean maskNames) {
        SentenceInput sentence = maskNames ? NameMask.of(original) : original;
        List<TargetSpan> spans = sentence.targets().stream().filter(s -> s.target().equals(target))
                .sorted(Comparator.comparingInt(TargetSpan::start)).toList();
        String text = sentence.text();
        TokenizedText tokens = tokenizer.tokenize(text, maxTokens);
        int covered = tokens.length() > 2 ? tokens.ends()[tokens.length() - 2] : 0;
        int last = spans.stream().mapToInt(TargetSpan::end).max().orElse(0);
        if (last > covered) {
            int first = spans.stream().mapToInt(TargetSpan::start).min().orElse(0);
            int cut = Math.max(0, Math.min(first - LEAD, text.length() - 1));
            // never between the halves of a surrogate pair (an emoji, a rare character): the window keeps it whole
            int offset = cut > 0 && Character.isLowSurrogate(text.charAt(cut))
                    && Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut;
            tokens = tokenizer.tokenize(text.substring(offset), maxTokens);
            spans = spans.stream().map(s -> new TargetSpan(target, s.start() - offset, s.end() - offset,
                    s.implicit(), s.confidence())).toList();
        }
        return new TargetText(tokens, spans);
    }
}
