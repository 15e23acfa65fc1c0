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
    private final GroupResolver groups;

    ImplicitResolution(ArticleView view, CompiledStory story, TaggerLexicon lexicon, NamesLinked named,
                       UnknownNames unknown, Salience salience, Quotations quotations) {
        this.view = view;
        this.named = named;
        this.roles = new RoleNounResolver(view, story, lexicon, named, unknown);
        this.pronouns = new PersonalPronounResolver(view, salience);
        this.speakers = new SpeakerResolver(view, story, lexicon, named, salience, quotations);
        this.organisations = new OrganisationReferenceResolver(view, lexicon, salience);
        this.ordinals = new OrdinalResolver(view);
        this.groups = new GroupResolver(view);
    }

    Discourse resolve(List<Anaphor> anaphors, Discourse start) {
        Discourse discourse = start;
        for (Anaphor anaphor : anaphors) {
            for (Resolution r : resolve(anaphor, discourse)) {
                discourse = discourse.with(r, view.text, named.namedInSentence(r.entity().id(), r.sentence()));
            }
        }
        return discourse;
    }

    /** The entities the anaphor refers to: one, or several for a group (两人, 他们 after two people), or none. */
    private List<Resolution> resolve(Anaphor anaphor, Discourse discourse) {
        if (anaphor instanceof Anaphor.Pair pair) {
            return groups.resolve(pair, discourse);
        }
        if (anaphor instanceof Anaphor.Personal personal && personal.pronoun().plural()) {
            List<Resolution> people = groups.resolve(personal, discourse);
            if (!people.isEmpty()) {
                return people;
            }
        }
        return single(anaphor, discourse).stream().toList();
    }

    private Optional<Resolution> single(Anaphor anaphor, Discourse discourse) {
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
