package io.storywatch.stage.tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tagger's word lists and version, read once from {@code tagger/} on the class path and passed to the steps as a
 * value.
 */
record TaggerLexicon(
        String version,
        Set<String> speechVerbs,
        Set<String> latinNonNames,
        Set<String> latinTitles,
        Set<Character> transliterationCharacters,
        List<String> organisationNouns,
        List<String> referenceDemonstratives,
        List<String> referenceNouns,
        List<String> referenceDeterminers,
        Map<String, Pronoun> pronouns,
        Set<String> bareOrganisationNouns,
        Set<String> interviewerLabels,
        Set<String> answererLabels,
        List<String> framingClauseEdges) {

    private static final String DIRECTORY = "tagger/";
    private static final TaggerLexicon BUNDLED = load();

    /**
     * A pronoun's kind ({@code speaker} for 我/我们, {@code addressee} for 你/您/你们, {@code personal} for
     * 他/她/他们, {@code ordinal} for 后者/前者, {@code pair} for 两人/俩), gender and number.
     */
    record Pronoun(String word, String kind, String gender, boolean plural) {
        boolean speaker() {
            return kind.equals("speaker");
        }

        boolean addressee() {
            return kind.equals("addressee");
        }

        boolean pair() {
            return kind.equals("pair");
        }

        boolean ordinal() {
            return kind.equals("ordinal");
        }
    }

    static TaggerLexicon bundled() {
        return BUNDLED;
    }

    /** "…说", "…表示" within the first characters after a name: the name introduces a speaker. */
    Pattern speechAfterName() {
        return Pattern.compile("^.{0,12}?(" + String.join("|", speechVerbs) + ")");
    }

    /** A word ending in an organisation noun (基金会, 实验室): another organisation qualifies a role there. */
    Pattern endsInOrganisationNoun() {
        return Pattern.compile(".*(" + String.join("|", organisationNouns) + ")$");
    }

    /** 该公司, 这家人工智能初创公司, 这个非营利组织: a demonstrative and an organisation noun, at most six words apart. */
    Pattern organisationReference() {
        return Pattern.compile("(?:" + String.join("|", referenceDemonstratives) + ")[\\u4e00-\\u9fffA-Za-z]{0,6}?(?:"
                + String.join("|", referenceNouns) + ")");
    }

    /** First characters of every pronoun and bare organisation noun: most tokens are ruled out by this alone. */
    String anaphorInitials() {
        Set<Character> initials = new LinkedHashSet<>();
        pronouns.keySet().forEach(w -> initials.add(w.charAt(0)));
        bareOrganisationNouns.forEach(w -> initials.add(w.charAt(0)));
        return initials.stream().map(String::valueOf).collect(Collectors.joining());
    }

    private static TaggerLexicon load() {
        Map<String, Pronoun> pronouns = new TreeMap<>();
        for (String line : lines("pronouns.tsv")) {
            String[] f = line.split("\t");
            pronouns.put(f[0], new Pronoun(f[0], f[1], f[2].equals("-") ? null : f[2], f[3].equals("plural")));
        }
        return new TaggerLexicon(
                lines("VERSION").get(0),
                Set.copyOf(lines("speech-verbs.txt")),
                Set.copyOf(lines("latin-non-names.txt")),
                Set.copyOf(lines("latin-titles.txt")),
                lines("transliteration-characters.txt").stream().map(s -> s.charAt(0)).collect(Collectors.toUnmodifiableSet()),
                lines("organisation-nouns.txt"),
                lines("organisation-reference-demonstratives.txt"),
                lines("organisation-reference-nouns.txt"),
                lines("organisation-reference-determiners.txt"),
                Map.copyOf(pronouns),
                Set.copyOf(lines("bare-organisation-nouns.txt")),
                Set.copyOf(lines("interviewer-labels.txt")),
                Set.copyOf(lines("answerer-labels.txt")),
                lines("framing-clause-edges.txt"));
    }

    /** The non-blank lines of a list, without comments (#). */
    private static List<String> lines(String name) {
        try (InputStream in = TaggerLexicon.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIRECTORY + name);
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(lines::add);
            }
            return List.copyOf(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + name, e);
        }
    }
}
