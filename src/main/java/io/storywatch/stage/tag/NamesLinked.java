package io.storywatch.stage.tag;

import io.storywatch.story.StoryEntity;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The named mentions of an article in the order they were linked, with where each name starts and ends, the
 * characters they cover, how often each entity is named, and the named entities as referents.
 */
record NamesLinked(List<EntityMention> mentions, Map<Integer, StoryEntity> startingAt,
                   Map<Integer, StoryEntity> endingAt, BitSet covered, Map<String, Integer> namedCount,
                   List<Referent> referents) {

    NamesLinked {
        covered = (BitSet) covered.clone();
    }

    /** Whether a linked name covers any character of [start, end). */
    boolean overlaps(int start, int end) {
        int next = covered.nextSetBit(Math.max(0, start));
        return next >= 0 && next < end;
    }

    int timesNamed(String entityId) {
        return namedCount.getOrDefault(entityId, 0);
    }

    boolean namedInSentence(String entityId, int sentence) {
        return mentions.stream().anyMatch(m -> m.entity().id().equals(entityId) && m.mention().sentence() == sentence);
    }
}
