package io.storywatch.eval;

import io.storywatch.story.Role;
import io.storywatch.story.StoryEntity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts implicit mentions into pronouns, role nouns and organisation references, so that each kind is measured on its
 * own: a found mention by its words, a missed one by the words in the gold sentence that could have referred.
 */
final class ImplicitKinds {

    static final String PRONOUN = "pronoun";
    static final String ROLE = "role noun";
    static final String ORGANISATION = "organisation reference";
    static final String OTHER = "other";
    static final List<String> ALL = List.of(PRONOUN, ROLE, ORGANISATION, OTHER);

    private final List<String> pronouns = new ArrayList<>();
    private final List<String> organisationNouns = new ArrayList<>();

    ImplicitKinds() {
        try (InputStream in = ImplicitKinds.class.getClassLoader().getResourceAsStream("eval/implicit-kinds.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).forEach(f ->
                    (f[1].equals("pronoun") ? pronouns : organisationNouns).add(f[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kind of a mention the tagger found, from its text. */
    String ofMention(String text) {
        if (pronouns.contains(text)) {
            return PRONOUN;
        }
        return organisationNouns.stream().anyMatch(text::endsWith) ? ORGANISATION : ROLE;
    }

    /**
     * The kind a missed mention most likely had: a role noun of the entity in the sentence, else (for an
     * organisation) an organisation noun, else a personal pronoun (他/她/我/后者/前者; 其 is too often part of a
     * word to count here), else other.
     */
    String ofMiss(String sentence, StoryEntity entity) {
        if (entity == null) {
            return OTHER;
        }
        for (Role role : entity.roles()) {
            if (role.nouns().stream().anyMatch(sentence::contains)) {
                return ROLE;
            }
        }
        if (!entity.isPerson() && organisationNouns.stream().anyMatch(sentence::contains)) {
            return ORGANISATION;
        }
        String withoutOther = sentence.replace("其他", "").replace("其它", "");
        return pronouns.stream().filter(p -> !p.equals("其")).anyMatch(withoutOther::contains) ? PRONOUN : OTHER;
    }
}
