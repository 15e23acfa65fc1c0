package io.storywatch.stage.score;

import io.storywatch.event.Token;
import java.util.List;

/**
 * One sentence as a sentiment model sees it: its text, its words (offsets relative to the text, may be empty when
 * no segmentation is at hand) and where it refers to each target.
 */
public record SentenceInput(String text, List<Token> tokens, List<TargetSpan> targets) {

    public SentenceInput {
        tokens = List.copyOf(tokens);
        targets = List.copyOf(targets);
    }

    public static SentenceInput of(String text, List<TargetSpan> targets) {
        return new SentenceInput(text, List.of(), targets);
    }
}
