package io.storywatch.event;

/** One faction's portrayal in one article; label is pos, neg, neu, mixed or absent. */
public record FactionScore(double score, String label, int mentions) {
}
