package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.SentenceInput;
import java.util.List;

/** The first step's result: every lexicon word found in the sentence, at its lexicon value, in order. */
public record LexiconHits(SentenceInput sentence, List<Cue> cues) {

    public LexiconHits {
        cues = List.copyOf(cues);
    }
}
