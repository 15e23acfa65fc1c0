package io.storywatch.stage.score;

/**
 * One lexicon line: a word, its value (polarity times strength in [-1, 1] for sentiment kinds, a multiplier for
 * degree, hedge, question and contrast words) and its kind.
 */
public record LexiconEntry(String word, double value, CueKind kind) {
}
