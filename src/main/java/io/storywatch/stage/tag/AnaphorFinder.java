package io.storywatch.stage.tag;

import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 6: every role noun, organisation reference, pronoun and pair word (两人, 俩) that may refer to story entities,
 * in text order; a role noun wins over an organisation reference it overlaps, and neither overlaps a name.
 */
final class AnaphorFinder {

    private final ArticleView view;
    private final TaggerLexicon lexicon;
    private final Pattern organisationReference;
    private final String demonstrativeInitials;
    private final String anaphorInitials;

    AnaphorFinder(ArticleView view, TaggerLexicon lexicon) {
        this.view = view;
        this.lexicon = lexicon;
        this.organisationReference = lexicon.organisationReference();
        StringBuilder initials = new StringBuilder();
        lexicon.referenceDemonstratives().forEach(d -> initials.append(d.charAt(0)));
        this.demonstrativeInitials = initials.toString();
        this.anaphorInitials = lexicon.anaphorInitials();
    }

    List<Anaphor> find(List<Span> roleNouns, NamesLinked named) {
        List<Anaphor> anaphors = new ArrayList<>();
        BitSet covered = new BitSet();
        for (Span role : roleHits(roleNouns, named)) {
            anaphors.add(new Anaphor.RoleNoun(role.start(), role.end()));
            covered.set(role.start(), role.end());
        }
        organisationReferences(named, covered, anaphors);
        for (Sentence sentence : view.sentences) {
            List<Token> tokens = sentence.tokens();
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                String word = token.word();
                if (anaphorInitials.indexOf(word.charAt(0)) < 0) {
                    continue;
                }
                TaggerLexicon.Pronoun pronoun = lexicon.pronouns().get(word);
                Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                TaggerLexicon.Pronoun joined = pronoun != null || next == null || next.start() != token.end() ? null
                        : lexicon.pronouns().get(word + next.word());
                if (joined != null && joined.pair()) {
                    anaphors.add(new Anaphor.Pair(token.start(), next.end()));
                    i++;
                } else if (pronoun != null && pronoun.pair()) {
                    if (i == 0 || lexicon.pronouns().get(tokens.get(i - 1).word()) == null) {
                        anaphors.add(new Anaphor.Pair(token.start(), token.end()));
                    }
                } else if (pronoun != null) {
                    anaphors.add(pronoun.speaker() ? new Anaphor.Speaker(token, pronoun)
                            : pronoun.addressee() ? new Anaphor.Addressee(token, pronoun)
                            : pronoun.ordinal() ? new Anaphor.Ordinal(token, pronoun)
                            : new Anaphor.Personal(token, pronoun));
                } else if (!covered.get(token.start()) && BareOrganisationNoun.isBare(tokens, i, lexicon)) {
                    anaphors.add(new Anaphor.OrganisationReference(token.start(), token.end()));
                }
            }
        }
        anaphors.sort(Comparator.comparingInt(Anaphor::start));
        return List.copyOf(anaphors);
    }

    private void organisationReferences(NamesLinked named, BitSet covered, List<Anaphor> anaphors) {
        String text = view.text;
        Matcher organisation = organisationReference.matcher(text);
        for (int i = 0; i < text.length(); i++) {
            // a hand-rolled first step: find() would try the whole pattern at every character
            if (demonstrativeInitials.indexOf(text.charAt(i)) < 0
                    || !organisation.region(i, Math.min(text.length(), i + 14)).lookingAt()) {
                continue;
            }
            int start = organisation.start();
            int end = organisation.end();
            if (!covered.get(start) && !covered.get(end - 1) && !named.overlaps(start, end)
                    && view.withinOneSentence(start, end)) {
                anaphors.add(new Anaphor.OrganisationReference(start, end));
                covered.set(start, end);
            }
        }
    }

    /** Role noun spans not overlapping a name; of overlapping ones the leftmost, then the longest. */
    private static List<Span> roleHits(List<Span> roleNouns, NamesLinked named) {
        List<Span> hits = new ArrayList<>();
        for (Span hit : roleNouns) {
            if (!named.overlaps(hit.start(), hit.end())) {
                hits.add(hit);
            }
        }
        hits.sort(Comparator.comparingInt(Span::start).thenComparingInt(h -> h.start() - h.end()));
        List<Span> chosen = new ArrayList<>();
        int reached = 0;
        for (Span hit : hits) {
            if (hit.start() >= reached) {
                chosen.add(hit);
                reached = hit.end();
            }
        }
        return chosen;
    }
}
