package io.storywatch.stage.tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a mention of several people at once: 两人 / 二人 / 师徒俩 to the last two people named or referred to just
 * before, and 他们 / 她们 right after two or more people of one sentence to all of them (up to four). When one of
 * those people is a name the story does not know, the group is nobody in the story.
 */
final class GroupResolver {

    private static final int WINDOW = 1;
    private static final int LARGEST_GROUP = 4;
    private static final double CONFIDENCE = 0.5;

    private final ArticleView view;

    GroupResolver(ArticleView view) {
        this.view = view;
    }

    /** 两人, 二人, 俩: the last two people. */
    List<Resolution> resolve(Anaphor.Pair anaphor, Discourse discourse) {
        List<Referent> people = peopleJustBefore(anaphor.start(), discourse, 2, true);
        return people.size() == 2 ? resolutions(people, anaphor) : List.of();
    }

    /**
     * 他们 / 她们: the people just before, all in the latest sentence that has any, when there are at least two of
     * them; else nothing (one of the other readings).
     */
    List<Resolution> resolve(Anaphor.Personal anaphor, Discourse discourse) {
        List<Referent> people = peopleJustBefore(anaphor.start(), discourse, LARGEST_GROUP, false);
        List<Referent> sameSentence = people.isEmpty() ? people
                : people.stream().filter(p -> p.sentence() == people.get(0).sentence()).toList();
        return sameSentence.size() >= 2 ? resolutions(sameSentence, anaphor) : List.of();
    }

    /**
     * The distinct people among the referents right before {@code position}, latest first, at most {@code wanted}:
     * up to the first referent that is not a person, or past such referents when {@code onlyPeopleMeant} (两人 can
     * only mean people); empty when any of them is a name the story does not know.
     */
    private List<Referent> peopleJustBefore(int position, Discourse discourse, int wanted, boolean onlyPeopleMeant) {
        int sentence = view.sentenceIndex(position);
        List<Referent> people = new ArrayList<>();
        for (int k = discourse.lastReferentBefore(position); k >= 0 && people.size() < wanted; k--) {
            Referent referent = discourse.referents().get(k);
            if (referent.sentence() < sentence - WINDOW || !referent.isPerson() && !onlyPeopleMeant) {
                break;
            }
            if (!referent.isPerson()) {
                continue;
            }
            if (referent.entity() == null) {
                return List.of();
            }
            if (people.stream().noneMatch(p -> p.entity().id().equals(referent.entity().id()))) {
                people.add(referent);
            }
        }
        return people;
    }

    private List<Resolution> resolutions(List<Referent> people, Anaphor anaphor) {
        int sentence = view.sentenceIndex(anaphor.start());
        return people.stream()
                .map(p -> new Resolution(p.entity(), anaphor.start(), anaphor.end(), sentence, CONFIDENCE))
                .toList();
    }
}
