package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.SentenceInput;
import java.util.List;

/** The cues after negators, degree words and shifters are bound to the sentiment words they modify. */
public record BoundCues(SentenceInput sentence, List<Cue> cues) {

    public BoundCues {
        cues = List.copyOf(cues);
    }
}
