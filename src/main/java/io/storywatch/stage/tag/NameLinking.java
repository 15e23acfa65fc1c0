package io.storywatch.stage.tag;

import io.storywatch.event.Mention;
import io.storywatch.stage.tag.CompiledStory.Sense;
import io.storywatch.story.NameText;
import io.storywatch.story.StoryEntity;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 4: each selected name goes to the entity it most likely denotes (its kind, anchoring, cues), or to none;
 * "OpenAI董事会" names the board and OpenAI itself.
 */
final class NameLinking {

    private final ArticleView view;
    private final CompiledStory story;
    private final NameEvidence evidence;
    private final ForeignFullNames foreign;

    NameLinking(ArticleView view, CompiledStory story, NameEvidence evidence, ForeignFullNames foreign) {
        this.view = view;
        this.story = story;
        this.evidence = evidence;
        this.foreign = foreign;
    }

    NamesLinked link(List<NameHit> hits, Set<String> anchored) {
        List<EntityMention> mentions = new ArrayList<>();
        Map<Integer, StoryEntity> startingAt = new HashMap<>();
        Map<Integer, StoryEntity> endingAt = new HashMap<>();
        BitSet covered = new BitSet();
        Map<String, Integer> namedCount = new HashMap<>();
        List<Referent> referents = new ArrayList<>();
        for (NameHit hit : hits) {
            StoryEntity best = best(hit, anchored);
            if (best == null) {
                continue;
            }
            startingAt.put(hit.start(), best);
            endingAt.put(hit.end(), best);
            covered.set(hit.start(), hit.end());
            int sentence = view.sentenceIndex(hit.start());
            mentions.add(new EntityMention(best, named(hit.start(), hit.end(), sentence)));
            namedCount.merge(best.id(), 1, Integer::sum);
            referents.add(Referent.of(hit.start(), sentence, best));
            if (best.partOf() != null) {
                EntityMention whole = wholeNamedToo(best, hit, sentence);
                if (whole != null) {
                    mentions.add(whole);
                    namedCount.merge(whole.entity().id(), 1, Integer::sum);
                }
            }
        }
        return new NamesLinked(List.copyOf(mentions), Map.copyOf(startingAt), Map.copyOf(endingAt), covered,
                Map.copyOf(namedCount), List.copyOf(referents));
    }

    private StoryEntity best(NameHit hit, Set<String> anchored) {
        StoryEntity best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Sense sense : hit.senses()) {
            StoryEntity entity = sense.entity();
            boolean accepted = switch (sense.kind()) {
                case NAME -> true;
                case ALIAS -> evidence.acceptAlias(sense, hit, anchored);
                case AMBIGUOUS -> evidence.acceptAmbiguous(sense, hit, anchored);
            };
            if (!accepted || evidence.partOfRefused(entity, hit, anchored) || foreign.partOfForeignName(entity, hit)) {
                continue;
            }
            int sentence = view.sentenceIndex(hit.start());
            CueCounts.Tally s = evidence.cues().inSentence(sentence, entity.id());
            CueCounts.Tally a = evidence.cues().inArticle(entity.id());
            double score = switch (sense.kind()) {
                case NAME -> 3;
                case ALIAS -> 2;
                case AMBIGUOUS -> 0;
            } + (anchored.contains(entity.id()) ? 3 : 0) + 2 * s.positive() + 0.5 * Math.min(a.positive(), 3)
                    - 2 * s.negative();
            if (score > bestScore) {
                bestScore = score;
                best = entity;
            }
        }
        return best;
    }

    /** "OpenAI董事会" names OpenAI too: the whole's name inside the part's. */
    private EntityMention wholeNamedToo(StoryEntity part, NameHit hit, int sentence) {
        StoryEntity parent = story.entities.get(part.partOf());
        String found = view.folded.substring(hit.start(), hit.end());
        for (String parentName : parent.unambiguousNames()) {
            int at = found.indexOf(NameText.fold(parentName));
            if (at >= 0) {
                int start = hit.start() + at;
                return new EntityMention(parent, named(start, start + parentName.length(), sentence));
            }
        }
        return null;
    }

    private Mention named(int start, int end, int sentence) {
        return Mention.named(start, end, view.text.substring(start, end), sentence);
    }
}
