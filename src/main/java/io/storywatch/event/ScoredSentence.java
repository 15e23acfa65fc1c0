package io.storywatch.event;

import java.util.Map;

/** A sentence's overall sentiment and its sentiment toward each entity mentioned in it. */
public record ScoredSentence(int index, int start, int end, String text, double sentiment,
                             Map<String, TargetSentiment> targets) {
}
