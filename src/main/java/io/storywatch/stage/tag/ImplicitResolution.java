package io.storywatch.stage.tag;

import java.util.List;
import java.util.Optional;

/**
 * Step 8: resolves the anaphors in text order, each by the resolver of its kind, over the discourse so far; a resolved
 * anaphor is a referent for the ones after it.
 */
final class ImplicitResolution {

    private final ArticleView view;
    private final NamesLinked named;
    private final RoleNounResolver roles;
    private final PersonalPronounResolver pronouns;
    private final SpeakerResolver speakers;
    private final OrganisationReferenceResolver organisations;
    private final OrdinalResolver ordinals;

    ImplicitResolution(ArticleView view, CompiledStory story, TaggerLexicon lexicon, NamesLinked named,
                       UnknownNames unknown, Salience salience, Quotations quotations) {
        this.view = view;
        this.named = named;
        this.roles = new RoleNounResolver(view, story, lexicon, named, unknown);
        this.pronouns = new PersonalPronounResolver(view, salience);
        this.speakers = new SpeakerResolver(view, story, lexicon, named, salience, quotations);
        this.organisations = new OrganisationReferenceResolver(view, lexicon, salience);
        this.ordinals = new OrdinalResolver(view);
    }

    Discourse resolve(List<Anaphor> anaphors, Discourse start) {
        Discourse discourse = start;
        for (Anaphor anaphor : anaphors) {
            Optional<Resolution> resolution = resolve(anaphor, discourse);
            if (resolution.isPresent()) {
                Resolution r = resolution.get();
                discourse = discourse.with(r, view.text, named.namedInSentence(r.entity().id(), r.sentence()));
            }
        }
        return discourse;
    }

    private Optional<Resolution> resolve(Anaphor anaphor, Discourse discourse) {
        if (anaphor instanceof Anaphor.RoleNoun role) {
            return roles.resolve(role);
        }
        if (anaphor instanceof Anaphor.Personal personal) {
            return pronouns.resolve(personal, discourse);
        }
        if (anaphor instanceof Anaphor.Ordinal ordinal) {
            return ordinals.resolve(ordinal, discourse);
        }
        if (anaphor instanceof Anaphor.Speaker speaker) {
            return speakers.resolve(speaker, discourse);
        }
        if (anaphor instanceof Anaphor.Addressee addressee) {
            return speakers.addressee(addressee, discourse);
        }
        return organisations.resolve((Anaphor.OrganisationReference) anaphor, discourse);
    }
}
