package io.storywatch.stage.score.rules;

import java.util.List;

/** What each clause is about: the targets it names, or the subject or names it carries over, or nobody. */
public record Topics(Speakers speakers, List<Topic> byClause) {

    public Topics {
        byClause = List.copyOf(byClause);
    }

    public WeighedClauses clauses() {
        return speakers.clauses();
    }
}
