package io.storywatch.story;

import java.util.Map;

/**
 * How records of several stories followed at once stay apart. An article relevant to two stories has a tagged and a
 * scored record for each; the run's first story is its main story, whose records keep the keys a single story gives
 * them (the article id, {@code TARGET@START/SIZE}), so that adding a story changes nothing for the first. Records of
 * every other story carry the story id in front of their key, {@code STORY/ARTICLE} and {@code STORY/TARGET@START/SIZE}
 * (story ids never hold a {@code /}), so two stories' records never share a key on a compacted topic.
 */
public final class StoryKeys {

    private StoryKeys() {
    }

    /** The key of a per-article record of {@code storyId}: the article id for the main story. */
    public static String articleKey(String articleId, String storyId, boolean mainStory) {
        return mainStory ? articleId : scoped(storyId, articleId);
    }

    /** {@code STORY/NAME}: a key or target of a story other than the main one. */
    public static String scoped(String storyId, String name) {
        return storyId + "/" + name;
    }

    /** The story id of a record's {@code versions} ("story": "ID@VERSION"), or null when it names none. */
    public static String storyOf(Map<String, String> versions) {
        String label = versions == null ? null : versions.get("story");
        if (label == null || label.isBlank()) {
            return null;
        }
        int at = label.lastIndexOf('@');
        return at < 0 ? label : label.substring(0, at);
    }
}
