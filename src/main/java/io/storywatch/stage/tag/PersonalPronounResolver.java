package io.storywatch.stage.tag;

import io.storywatch.story.StoryEntity;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves 他 / 她 to the last person of that gender within a few sentences, and 他们 to the last organisation,
 * unless two people came last; names the story does not know are referents too, so 他 after an unknown person points
 * to nobody. With no antecedent in reach, the article's most salient fitting player is meant.
 */
final class PersonalPronounResolver {

    private static final int PERSON_WINDOW = 4;
    private static final int PLURAL_WINDOW = 3;
    private static final double SALIENCE_CONFIDENCE = 0.4;

    private final ArticleView view;
    private final Salience salience;

    PersonalPronounResolver(ArticleView view, Salience salience) {
        this.view = view;
        this.salience = salience;
    }

    Optional<Resolution> resolve(Anaphor.Personal anaphor, Discourse discourse) {
        int sentence = view.sentenceIndex(anaphor.start());
        Referent found = anaphor.pronoun().plural() ? plural(anaphor, discourse, sentence)
                : singular(anaphor, discourse, sentence);
        if (found == NOBODY) {
            return Optional.empty();
        }
        if (found == null) {
            StoryEntity salient = anaphor.pronoun().plural() ? salience.organisation()
                    : salience.person(anaphor.pronoun().gender());
            return salient != null && discourse.mentionedBefore(salient, anaphor.start())
                    ? Optional.of(new Resolution(salient, anaphor.start(), anaphor.end(), sentence, SALIENCE_CONFIDENCE))
                    : Optional.empty();
        }
        double confidence = Recency.confidence(sentence - found.sentence()) - (anaphor.pronoun().plural() ? 0.2 : 0);
        return Optional.of(new Resolution(found.entity(), anaphor.start(), anaphor.end(), sentence, confidence));
    }

    /** Marks a pronoun whose antecedent is someone the story does not know, or several people. */
    private static final Referent NOBODY = new Referent(-1, -1, null, null);

    private Referent singular(Anaphor.Personal anaphor, Discourse discourse, int sentence) {
        String wantedGender = anaphor.pronoun().gender();
        for (int k = discourse.lastReferentBefore(anaphor.start()); k >= 0; k--) {
            Referent referent = discourse.referents().get(k);
            if (referent.sentence() < sentence - PERSON_WINDOW) {
                return null;
            }
            if (!referent.isPerson()) {
                continue;
            }
            if (referent.entity() == null) {
                if (wantedGender.equals("male")) {
                    return NOBODY;
                }
                continue;
            }
            String gender = referent.entity().gender();
            if (gender == null || gender.equals(wantedGender)) {
                return referent;
            }
        }
        return null;
    }

    /** 他们 after two people means those people, not an organisation. */
    private Referent plural(Anaphor.Personal anaphor, Discourse discourse, int sentence) {
        Set<Object> peopleSeen = new HashSet<>();
        for (int k = discourse.lastReferentBefore(anaphor.start()); k >= 0; k--) {
            Referent referent = discourse.referents().get(k);
            if (referent.sentence() < sentence - PLURAL_WINDOW) {
                return null;
            }
            if (!referent.isPerson()) {
                return referent.entity() == null ? NOBODY : referent;
            }
            peopleSeen.add(referent.entity() != null ? referent.entity().id() : referent.start());
            if (peopleSeen.size() >= 2) {
                return NOBODY;
            }
        }
        return null;
    }
}
