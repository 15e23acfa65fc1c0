package io.storywatch.story;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One news story as data: who plays in it under which names, how to tell them from namesakes, which camps they form
 * and which words make an article part of it. The format is documented in docs/story-format.md.
 *
 * @param id stable story id, the key on news.stories
 * @param version bumped on every change; every tagged article records it
 * @param title human title per language
 * @param keywords words per language whose presence makes an article more likely to belong to the story
 * @param entities the players
 * @param factions named camps of players
 * @param commonWords ordinary words of the story's coverage that the segmenter must not take for names (宫斗)
 */
public record StoryDefinition(String id, String version, Map<String, String> title,
                              Map<String, List<String>> keywords, List<StoryEntity> entities,
                              List<Faction> factions, List<String> commonWords) {

    public StoryDefinition {
        title = title == null ? Map.of() : Map.copyOf(title);
        keywords = StoryEntity.copyOf(keywords);
        entities = entities == null ? List.of() : List.copyOf(entities);
        factions = factions == null ? List.of() : List.copyOf(factions);
        commonWords = commonWords == null ? List.of() : List.copyOf(commonWords);
    }

    public Optional<StoryEntity> entity(String entityId) {
        return entities.stream().filter(e -> e.id().equals(entityId)).findFirst();
    }

    /** The story id and version as one label, e.g. {@code openai-governance@3}. */
    public String label() {
        return id + "@" + version;
    }

    /** All keywords of all languages. */
    public List<String> allKeywords() {
        return keywords.values().stream().flatMap(List::stream).toList();
    }
}
