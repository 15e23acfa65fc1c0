package io.storywatch.event;

/** One entity's portrayal in one article: the confidence-weighted mean of its target scores. */
public record EntityScore(double score, String label, int mentions) {
}
