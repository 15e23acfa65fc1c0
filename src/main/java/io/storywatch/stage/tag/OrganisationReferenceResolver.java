package io.storywatch.stage.tag;

import java.util.Optional;

/**
 * Resolves 该公司, 这家公司 or a bare 公司 to the last organisation within three sentences that is not a part of
 * another (a board, a team), else to the article's most salient organisation; the determiner before a bare noun
 * (该, 这家) joins the mention.
 */
final class OrganisationReferenceResolver {

    private static final int WINDOW = 3;

    private static final double SALIENCE_CONFIDENCE = 0.4;

    private final ArticleView view;
    private final TaggerLexicon lexicon;
    private final Salience salience;

    OrganisationReferenceResolver(ArticleView view, TaggerLexicon lexicon, Salience salience) {
        this.view = view;
        this.lexicon = lexicon;
        this.salience = salience;
    }

    Optional<Resolution> resolve(Anaphor.OrganisationReference anaphor, Discourse discourse) {
        int sentence = view.sentenceIndex(anaphor.start());
        Referent found = null;
        boolean inReach = false;
        for (int k = discourse.lastReferentBefore(anaphor.start()); k >= 0; k--) {
            Referent referent = discourse.referents().get(k);
            if (referent.sentence() < sentence - WINDOW) {
                break;
            }
            if (referent.isPerson() || referent.entity() != null && referent.entity().partOf() != null) {
                continue;
            }
            found = referent;
            inReach = true;
            break;
        }
        if (!inReach && salience.organisation() != null
                && discourse.mentionedBefore(salience.organisation(), anaphor.start())) {
            found = Referent.of(anaphor.start(), sentence, salience.organisation());
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
                inReach ? Recency.confidence(sentence - found.sentence()) : SALIENCE_CONFIDENCE));
    }
}
