package io.storywatch.stage.score.rules;

import io.storywatch.stage.score.SentenceInput;
import java.util.List;

/** The clauses with their weight (contrast) and damping (hedges, questions) set. */
public record WeighedClauses(SentenceInput sentence, List<Clause> list) {

    public WeighedClauses {
        list = List.copyOf(list);
    }

    public String text() {
        return sentence.text();
    }
}
