package io.storywatch.web;

import io.storywatch.story.Faction;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the page needs to title itself and name the factions and entities in Chinese and English, taken from the story
 * definition the pipeline follows, so that a media team's own story shows its own title, camps and players.
 */
public record StoryInfo(String id, String titleZh, String titleEn, Map<String, FactionName> factions,
                        Map<String, EntityName> entities) {

    /** A faction's display names. */
    public record FactionName(String zh, String en) {
    }

    /** An entity's display names: the first full name the story gives it in each language. */
    public record EntityName(String zh, String en) {
    }

    public StoryInfo {
        factions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factions));
        entities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /** A story's title and factions without entity names. */
    public StoryInfo(String id, String titleZh, String titleEn, Map<String, FactionName> factions) {
        this(id, titleZh, titleEn, factions, Map.of());
    }

    /**
     * The story's title, factions and entities, in the story's order; a missing Chinese name falls back to the English
     * one and the other way round, and both to the id.
     */
    public static StoryInfo of(StoryDefinition story) {
        Map<String, FactionName> factions = new LinkedHashMap<>();
        for (Faction faction : story.factions()) {
            factions.put(faction.id(), new FactionName(name(faction.names(), "zh", "en", faction.id()),
                    name(faction.names(), "en", "zh", faction.id())));
        }
        Map<String, EntityName> entities = new LinkedHashMap<>();
        for (StoryEntity entity : story.entities()) {
            Map<String, String> first = new LinkedHashMap<>();
            entity.names().forEach((language, names) -> {
                if (!names.isEmpty()) {
                    first.put(language, names.get(0));
                }
            });
            entities.put(entity.id(), new EntityName(name(first, "zh", "en", entity.id()),
                    name(first, "en", "zh", entity.id())));
        }
        return new StoryInfo(story.id(), name(story.title(), "zh", "en", story.id()),
                name(story.title(), "en", "zh", story.id()), factions, entities);
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
