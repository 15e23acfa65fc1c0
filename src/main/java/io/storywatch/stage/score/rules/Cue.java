package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.CueKind;
import io.storywatch.stage.score.LexiconEntry;

/**
 * A lexicon word found at [start, end) of the sentence, with its value after negation and degree; nominal when an
 * event verb is used as a noun (X的起诉).
 */
public record Cue(LexiconEntry entry, int start, int end, double value, boolean nominal) {

    public CueKind kind() {
        return entry.kind();
    }
}
