package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.SentenceInput;
import java.util.List;

/** The sentence split into clauses, each holding its cues, words, mentions and adverbial phrases; not yet weighed. */
public record Clauses(SentenceInput sentence, List<Clause> list) {

    public Clauses {
        list = List.copyOf(list);
    }
}
