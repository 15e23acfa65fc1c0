package io.storywatch.stage.tag;

import java.util.Optional;

/**
 * Resolves 该公司, 这家公司 or a bare 公司 to the last organisation within three sentences that is not a part of
 * another (a board, a team); the determiner before a bare noun (该, 这家) joins the mention.
 */
final class OrganisationReferenceResolver {

    private static final int WINDOW = 3;

    private final ArticleView view;
    private final TaggerLexicon lexicon;

    OrganisationReferenceResolver(ArticleView view, TaggerLexicon lexicon) {
        this.view = view;
        this.lexicon = lexicon;
    }

    Optional<Resolution> resolve(Anaphor.OrganisationReference anaphor, Discourse discourse) {
        int sentence = view.sentenceIndex(anaphor.start());
        Referent found = null;
        for (int k = discourse.lastReferentBefore(anaphor.start()); k >= 0; k--) {
            Referent referent = discourse.referents().get(k);
            if (referent.sentence() < sentence - WINDOW) {
                break;
            }
            if (referent.isPerson() || referent.entity() != null && referent.entity().partOf() != null) {
                continue;
            }
            found = referent;
            break;
        }
        if (found == null || found.entity() == null) {
            return Optional.empty();
        }
        int start = anaphor.start();
        for (String determiner : lexicon.referenceDeterminers()) {
            if (view.text.startsWith(determiner, start - determiner.length())) {
                start -= determiner.length();
                break;
            }
        }
        return Optional.of(new Resolution(found.entity(), start, anaphor.end(), sentence,
                Recency.confidence(sentence - found.sentence())));
    }
}
