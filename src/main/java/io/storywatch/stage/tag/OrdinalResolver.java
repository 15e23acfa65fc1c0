package io.storywatch.stage.tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves 后者 to the last of the referents named just before (this or the previous sentence) and 前者 to the one
 * before it; when that referent is a name the story does not know, it is nobody in the story.
 */
final class OrdinalResolver {

    private static final int WINDOW = 1;

    private final ArticleView view;

    OrdinalResolver(ArticleView view) {
        this.view = view;
    }

    Optional<Resolution> resolve(Anaphor.Ordinal anaphor, Discourse discourse) {
        int sentence = view.sentenceIndex(anaphor.start());
        int wanted = anaphor.pronoun().word().startsWith("前") ? 2 : 1;
        List<Object> distinct = new ArrayList<>();
        for (int k = discourse.lastReferentBefore(anaphor.start()); k >= 0; k--) {
            Referent referent = discourse.referents().get(k);
            if (referent.sentence() < sentence - WINDOW) {
                return Optional.empty();
            }
            Object who = referent.entity() != null ? referent.entity().id() : referent.start();
            if (!distinct.contains(who)) {
                distinct.add(who);
            }
            if (distinct.size() == wanted) {
                return referent.entity() == null ? Optional.empty()
                        : Optional.of(new Resolution(referent.entity(), anaphor.start(), anaphor.end(), sentence, 0.7));
            }
        }
        return Optional.empty();
    }
}
