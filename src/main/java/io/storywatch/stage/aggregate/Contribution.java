package io.storywatch.stage.aggregate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.storywatch.story.StoryKeys;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the windows need of one scored article, and nothing more, so that the aggregate's repartition topic carries a
 * few hundred bytes per article instead of its whole text. {@code sourcePartition} is the partition of the scored
 * topic it came from, for {@link StreamTime}. {@code withdrawn}: an analyst corrected the article to irrelevant, so it
 * counts in no window and takes back what an earlier version of it added. {@code story}: null for an article of the
 * main story; else the id of the other story it was scored for (see {@link io.storywatch.story.StoryKeys}), whose
 * faction and entity ids then stand in front of each target, {@code STORY/TARGET}, so its windows are its own.
 */
public record Contribution(String id, String title, String source, String publishedAt, String duplicateOf,
                           SortedMap<String, Portrayal> factions, SortedMap<String, Portrayal> entities,
                           int sourcePartition, boolean withdrawn, String story) {

    public Contribution(String id, String title, String source, String publishedAt, String duplicateOf,
                        SortedMap<String, Portrayal> factions, SortedMap<String, Portrayal> entities,
                        int sourcePartition, boolean withdrawn) {
        this(id, title, source, publishedAt, duplicateOf, factions, entities, sourcePartition, withdrawn, null);
    }

    public Contribution(String id, String title, String source, String publishedAt, String duplicateOf,
                        SortedMap<String, Portrayal> factions, SortedMap<String, Portrayal> entities,
                        int sourcePartition) {
        this(id, title, source, publishedAt, duplicateOf, factions, entities, sourcePartition, false);
    }

    public Contribution fromPartition(int partition) {
        return new Contribution(id, title, source, publishedAt, duplicateOf, factions, entities, partition,
                withdrawn, story);
    }

    /** The contribution to the windows of {@code storyId}, a story other than the main one. */
    public Contribution inStory(String storyId) {
        return new Contribution(id, title, source, publishedAt, duplicateOf, scoped(storyId, factions),
                scoped(storyId, entities), sourcePartition, withdrawn, storyId);
    }

    /** Under which key the aggregate keeps what it saw of this article: its id, in front of it a non-main story's. */
    @JsonIgnore
    public String storyKey() {
        return key(id);
    }

    /** The same for the original this article copies. */
    @JsonIgnore
    public String originalStoryKey() {
        return key(duplicateOf);
    }

    private String key(String articleId) {
        return StoryKeys.articleKey(articleId, story, story == null);
    }

    private static SortedMap<String, Portrayal> scoped(String storyId, SortedMap<String, Portrayal> targets) {
        SortedMap<String, Portrayal> scoped = new TreeMap<>();
        targets.forEach((target, portrayal) -> scoped.put(StoryKeys.scoped(storyId, target), portrayal));
        return scoped;
    }

    /** Whether the windows would count {@code other} differently: the partition it came through does not matter. */
    boolean countsLike(Contribution other) {
        return other != null && equals(other.fromPartition(sourcePartition));
    }

    @JsonIgnore
    public boolean isCopy() {
        return duplicateOf != null;
    }
}
