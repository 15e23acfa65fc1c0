package io.storywatch.stage.tag;

import io.storywatch.story.StoryEntity;
import java.util.Set;

/**
 * Step 9: how much an article belongs to the story, r / (r + 2.5) with r = 1 per person and 0.5 per organisation
 * named + 0.3 per distinct keyword (up to 10).
 */
final class Relevance {

    private Relevance() {
    }

    static double of(NamesLinked named, Set<String> keywords, CompiledStory story) {
        double entityWeight = 0;
        for (String id : named.namedCount().keySet()) {
            StoryEntity entity = story.entities.get(id);
            entityWeight += entity.isPerson() ? 1.0 : 0.5;
        }
        double raw = entityWeight + 0.3 * Math.min(keywords.size(), 10);
        double relevance = raw / (raw + 2.5);
        return Math.round(relevance * 1000) / 1000.0;
    }
}
