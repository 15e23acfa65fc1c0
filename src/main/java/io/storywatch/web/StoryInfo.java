package io.storywatch.web;

import io.storywatch.story.Faction;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the page needs to title itself and name the factions in Chinese and English, taken from the story definition
 * the pipeline follows, so that a media team's own story shows its own title and camps.
 */
public record StoryInfo(String id, String titleZh, String titleEn, Map<String, FactionName> factions) {

    /** A faction's display names. */
    public record FactionName(String zh, String en) {
    }

    public StoryInfo {
        factions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factions));
    }

    /**
     * The story's title and factions, in the story's order; a missing Chinese name falls back to the English one and
     * the other way round, and both to the id.
     */
    public static StoryInfo of(StoryDefinition story) {
        Map<String, FactionName> factions = new LinkedHashMap<>();
        for (Faction faction : story.factions()) {
            factions.put(faction.id(), new FactionName(name(faction.names(), "zh", "en", faction.id()),
                    name(faction.names(), "en", "zh", faction.id())));
        }
        return new StoryInfo(story.id(), name(story.title(), "zh", "en", story.id()),
                name(story.title(), "en", "zh", story.id()), factions);
    }

    /** The bundled default story: the OpenAI governance fight. */
    public static StoryInfo defaultStory() {
        return of(Stories.defaultStory());
    }

    private static String name(Map<String, String> names, String language, String otherLanguage, String id) {
        String name = names.get(language);
        if (name == null || name.isBlank()) {
            name = names.get(otherLanguage);
        }
        return name == null || name.isBlank() ? id : name;
    }
}
