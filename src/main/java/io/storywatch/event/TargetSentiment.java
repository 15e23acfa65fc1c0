package io.storywatch.event;

/** How one sentence presents one entity: score in [-1, 1] and its label pos, neg or neu. */
public record TargetSentiment(double score, String label) {
}
