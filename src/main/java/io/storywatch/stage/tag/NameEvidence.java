package io.storywatch.stage.tag;

import io.storywatch.event.Token;
import io.storywatch.stage.tag.CompiledStory.Sense;
import io.storywatch.story.NameText;
import io.storywatch.story.StoryEntity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Weighs whether a name found in the text denotes an entity, given cues, anchored entities and what qualifies it. */
final class NameEvidence {

    /** Context for and against an entity: cues in the sentence count double, the rest of the article up to three. */
    record Evidence(int support, int against) {
        boolean accepts() {
            return against == 0 || support > against;
        }
    }

    private final ArticleView view;
    private final CompiledStory story;
    private final CueCounts cues;
    /** The first selected name ending at each offset: looked up once per name, so a text of names costs linear time. */
    private final Map<Integer, NameHit> selectedEndingAt = new HashMap<>();

    NameEvidence(ArticleView view, CompiledStory story, CueCounts cues, List<NameHit> selected) {
        this.view = view;
        this.story = story;
        this.cues = cues;
        for (NameHit hit : selected) {
            selectedEndingAt.putIfAbsent(hit.end(), hit);
        }
    }

    CueCounts cues() {
        return cues;
    }

    boolean acceptAlias(Sense sense, NameHit hit, Set<String> anchored) {
        return evidence(sense.entity(), view.sentenceIndex(hit.start()), anchored).accepts();
    }

    boolean acceptAmbiguous(Sense sense, NameHit hit, Set<String> anchored) {
        int sentence = view.sentenceIndex(hit.start());
        String id = sense.entity().id();
        boolean supported = anchored.contains(id) || cues.inSentence(sentence, id).positive() > 0;
        return supported && evidence(sense.entity(), sentence, anchored).accepts();
    }

    private Evidence evidence(StoryEntity entity, int sentence, Set<String> anchored) {
        CueCounts.Tally s = cues.inSentence(sentence, entity.id());
        CueCounts.Tally a = cues.inArticle(entity.id());
        int storyContext = Math.min((int) anchored.stream().filter(id -> !id.equals(entity.id())).count(), 3);
        return new Evidence(2 * s.positive() + Math.min(a.positive(), 3) + storyContext,
                2 * s.negative() + Math.min(a.negative(), 3));
    }

    /**
     * A generic name of a part (董事会 of OpenAI) counts only in an article about its whole (when {@code anchored}
     * is given), and not where another organisation's name qualifies it (特斯拉董事会).
     */
    boolean partOfRefused(StoryEntity entity, NameHit hit, Set<String> anchored) {
        if (entity.partOf() == null) {
            return false;
        }
        StoryEntity parent = story.entities.get(entity.partOf());
        String found = view.folded.substring(hit.start(), hit.end());
        for (String parentName : parent.unambiguousNames()) {
            if (found.contains(NameText.fold(parentName))) {
                return false;
            }
        }
        if (anchored != null && !anchored.contains(parent.id())) {
            return true;
        }
        int p = view.skipBackOverSpaceAndDe(hit.start());
        NameHit qualifier = selectedEndingAt.get(p);
        if (qualifier != null) {
            return qualifier.senses().stream().noneMatch(s -> s.entity().id().equals(parent.id()));
        }
        Token before = view.tokenEndingAt(p);
        if (before == null) {
            return false;
        }
        String pos = before.pos();
        return pos.startsWith("nt") || pos.startsWith("ns") || pos.equals("nx") || NameSpans.PERSON_POS.contains(pos);
    }
}
