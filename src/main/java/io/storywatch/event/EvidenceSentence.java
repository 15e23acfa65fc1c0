package io.storywatch.event;

/**
 * The sentence that drove an article's score toward a faction or entity: [start, end) indexes the scored article's
 * {@code text} in UTF-16 code units; {@code target} is the entity whose target score it was, {@code score} that score.
 */
public record EvidenceSentence(int index, int start, int end, String text, String target, double score) {
}
