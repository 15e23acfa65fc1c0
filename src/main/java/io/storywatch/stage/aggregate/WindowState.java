package io.storywatch.stage.aggregate;

/** What the open-window store keeps per window and target: a sentiment tally, or the story's coverage tally. */
public record WindowState(SentimentTally sentiment, CoverageTally coverage) {
}
