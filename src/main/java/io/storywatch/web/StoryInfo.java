package io.storywatch.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the page needs to title itself and name the factions in Chinese and English; the story definition is the
 * source, the default is the OpenAI governance story.
 */
public record StoryInfo(String id, String titleZh, String titleEn, Map<String, FactionName> factions) {

    /** A faction's display names. */
    public record FactionName(String zh, String en) {
    }

    public static StoryInfo openAiGovernance() {
        Map<String, FactionName> factions = new LinkedHashMap<>();
        factions.put("safety", new FactionName("安全主义", "safety"));
        factions.put("acceleration", new FactionName("加速主义", "acceleration"));
        return new StoryInfo("openai-governance", "OpenAI 治理之争", "The OpenAI governance fight", factions);
    }
}
