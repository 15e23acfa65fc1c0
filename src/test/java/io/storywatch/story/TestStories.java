package io.storywatch.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Story edits the tests publish, as a media team would: one more alias, a new version. */
public final class TestStories {

    private TestStories() {
    }

    public static StoryDefinition withAlias(StoryDefinition story, String entityId, String alias, String version) {
        List<StoryEntity> entities = story.entities().stream().map(e -> !e.id().equals(entityId) ? e
                : new StoryEntity(e.id(), e.type(), e.gender(), e.names(), plus(e.aliases(), "zh", alias),
                        e.ambiguousAliases(), e.cues(), e.roles(), e.partOf(), e.memberOf())).toList();
        return new StoryDefinition(story.id(), version, story.title(), story.keywords(), entities, story.factions(),
                story.commonWords());
    }

    private static Map<String, List<String>> plus(Map<String, List<String>> byLanguage, String language,
                                                  String alias) {
        Map<String, List<String>> copy = new LinkedHashMap<>(byLanguage);
        List<String> list = new ArrayList<>(copy.getOrDefault(language, List.of()));
        list.add(alias);
        copy.put(language, list);
        return copy;
    }
}
