package io.storywatch.stage.score.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The grammatical words the rules read a clause's structure by (not sentiment, so not matched as cues), loaded from
 * the one-word-a-line files in {@code lexicon/function-words/} that the lexicon's version covers.
 *
 * @param timeFrameEndings endings of a clause that only says when something happened (…之后，)
 * @param frameOpeners prepositions opening an adverbial phrase of time or place (在, 当)
 * @param frameClosers words closing such a phrase (后, 之间, 期间)
 * @param subjectAttributeVerbs verbs whose object's attributes describe their subject (是, 拥有, 取得)
 * @param firstPerson words by which a speaker names itself (我)
 * @param companionMarkers prepositions naming whom one competes or disagrees with (与, 和)
 * @param conjunctions words joining two names that share a role (和, 、)
 * @param contrastOpeners contrast words that, before 实际上, belie the last speaker (而, 但是)
 * @param nominalisers particles marking an attribute or an event noun (的, 之)
 */
public record FunctionWords(Set<String> timeFrameEndings, Set<String> frameOpeners, Set<String> frameClosers,
                            Set<String> subjectAttributeVerbs, Set<String> firstPerson, Set<String> companionMarkers,
                            Set<String> conjunctions, Set<String> contrastOpeners, Set<String> nominalisers) {

    /** The lists shipped in the jar. */
    public static FunctionWords loadDefault() {
        return new FunctionWords(read("time-frame-endings"), read("frame-openers"), read("frame-closers"),
                read("subject-attribute-verbs"), read("first-person"), read("companion-markers"),
                read("conjunctions"), read("contrast-openers"), read("nominalisers"));
    }

    /** Whether a character is one of the nominalisers (的, 之). */
    boolean isNominaliser(char c) {
        return nominalisers.contains(String.valueOf(c));
    }

    private static Set<String> read(String list) {
        String name = "lexicon/function-words/" + list + ".txt";
        try (InputStream in = FunctionWords.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Set<String> words = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
