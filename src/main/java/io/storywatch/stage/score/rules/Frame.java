package io.storywatch.stage.score.rules;

/**
 * An adverbial phrase of time or place, 在…后/中/之间 or 当…时, at [start, end) of the sentence: what lies inside it
 * says when or where, it is neither the clause's subject nor its predicate.
 */
record Frame(int start, int end) {
}
