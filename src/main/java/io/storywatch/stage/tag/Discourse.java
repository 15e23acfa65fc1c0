package io.storywatch.stage.tag;

import io.storywatch.event.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the reader knows at a point of the article: the referents so far, sorted by position (names, unknown names
 * and resolved anaphors), and the implicit mentions found; each resolution yields a new discourse.
 */
record Discourse(List<Referent> referents, List<EntityMention> implicit) {

    static Discourse start(NamesLinked named, UnknownNames unknown) {
        List<Referent> referents = new ArrayList<>(named.referents());
        referents.addAll(unknown.referents());
        referents.sort(Comparator.comparingInt(Referent::start));
        return new Discourse(List.copyOf(referents), List.of());
    }

    /** Index of the last referent starting before {@code position}, or -1. */
    int lastReferentBefore(int position) {
        int lo = 0;
        int hi = referents.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (referents.get(mid).start() < position) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The referent that starts at {@code position}, or null. */
    Referent referentAt(int position) {
        int k = lastReferentBefore(position + 1);
        return k >= 0 && referents.get(k).start() == position ? referents.get(k) : null;
    }

    /** Whether the entity was named or referred to before {@code position}. */
    boolean mentionedBefore(io.storywatch.story.StoryEntity entity, int position) {
        for (int k = lastReferentBefore(position); k >= 0; k--) {
            if (referents.get(k).entity() != null && referents.get(k).entity().id().equals(entity.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The resolved anaphor becomes a referent; it is an implicit mention unless the entity is named in the same
     * sentence anyway.
     */
    Discourse with(Resolution resolution, String text, boolean namedInSentence) {
        List<Referent> nextReferents = new ArrayList<>(referents);
        nextReferents.add(lastReferentBefore(resolution.start() + 1) + 1,
                Referent.of(resolution.start(), resolution.sentence(), resolution.entity()));
        List<EntityMention> nextImplicit = implicit;
        if (!namedInSentence) {
            nextImplicit = new ArrayList<>(implicit);
            nextImplicit.add(new EntityMention(resolution.entity(), new Mention(resolution.start(), resolution.end(),
                    text.substring(resolution.start(), resolution.end()), resolution.sentence(), true,
                    Math.round(resolution.confidence() * 100) / 100.0)));
        }
        return new Discourse(List.copyOf(nextReferents), List.copyOf(nextImplicit));
    }
}
