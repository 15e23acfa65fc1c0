package io.storywatch.stage.aggregate;

/** One article's portrayal of one faction or entity: the part of a scored article a window counts. */
public record Portrayal(double score, String label, int mentions) {
}
