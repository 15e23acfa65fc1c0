package io.storywatch.event;

import java.util.List;

/** A story entity found in an article, with every mention of it. */
public record EntityMentions(String id, String type, List<String> factions, List<Mention> mentions) {
}
