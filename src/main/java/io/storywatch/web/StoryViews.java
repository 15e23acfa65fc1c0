package io.storywatch.web;

import io.storywatch.web.view.StoryView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stories a dashboard shows, each with its own {@link StoryView}, the main story (the run's first) first: which
 * view a record of the output topics feeds, and which a request asks for. Records of the main story are keyed as with
 * one story; those of another story carry its id in front of their key ({@link io.storywatch.story.StoryKeys}).
 */
public final class StoryViews {

    /** One story shown: its names and its view. */
    public record Shown(StoryInfo info, StoryView view) {
    }

    /** A record's view and its key as a single story's view knows it. */
    record Routed(StoryView view, String key) {
    }

    private final Map<String, Shown> byId = new LinkedHashMap<>();
    private final Shown main;

    private StoryViews(List<Shown> stories) {
        if (stories.isEmpty()) {
            throw new IllegalArgumentException("a dashboard shows at least one story");
        }
        for (Shown shown : stories) {
            if (byId.putIfAbsent(shown.info().id(), shown) != null) {
                throw new IllegalArgumentException("story " + shown.info().id() + " is shown twice");
            }
        }
        this.main = stories.get(0);
    }

    /** One view per story, made by {@code views}, the first story the main one. */
    public static StoryViews of(List<StoryInfo> stories, Supplier<StoryView> views) {
        return new StoryViews(stories.stream().map(info -> new Shown(info, views.get())).toList());
    }

    /** One story and its view. */
    public static StoryViews single(StoryInfo story, StoryView view) {
        return new StoryViews(List.of(new Shown(story, view)));
    }

    public Shown main() {
        return main;
    }

    /** The story {@code id}, the main one when null or blank; empty when no story shown has that id. */
    public Optional<Shown> get(String id) {
        return id == null || id.isBlank() ? Optional.of(main) : Optional.ofNullable(byId.get(id));
    }

    public List<Shown> all() {
        return List.copyOf(byId.values());
    }

    /** Changes whenever any story's view changes: what live updates watch. */
    public long version() {
        long version = 0;
        for (Shown shown : byId.values()) {
            version += shown.view().version();
        }
        return version;
    }

    /**
     * The view a record with {@code key} belongs to, and its key there: {@code STORY/REST} goes to that story's view
     * as {@code REST} when a story other than the main one has that id; any other key to the main story's view.
     */
    Routed route(String key) {
        if (key != null && byId.size() > 1) {
            int slash = key.indexOf('/');
            if (slash > 0) {
                Shown other = byId.get(key.substring(0, slash));
                if (other != null && other != main) {
                    return new Routed(other.view(), key.substring(slash + 1));
                }
            }
        }
        return new Routed(main.view(), key);
    }
}
