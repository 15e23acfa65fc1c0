package io.storywatch.stage.score;

import java.util.Map;

/** A sentence's overall sentiment and its sentiment toward each target it mentions, all in [-1, 1]. */
public record SentenceSentiment(double sentiment, Map<String, Double> targets) {

    public SentenceSentiment {
        targets = Map.copyOf(targets);
    }
}
