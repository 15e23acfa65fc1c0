package io.storywatch.story;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A player of a story with every name it goes by and the context that tells it apart from namesakes.
 *
 * @param id canonical id, e.g. {@code sam-altman}
 * @param type {@code person} or {@code organization}
 * @param gender {@code male}, {@code female} or null; lets pronouns 他/她 find the person
 * @param names full canonical names per language
 * @param aliases further names per language that denote the entity on their own inside the story
 * @param ambiguousAliases names per language that also denote others (a given name, a common word): they count only
 *        when the entity is named unambiguously elsewhere in the article or a positive cue is in the sentence
 * @param cues context words that confirm (positive) or rule out (negative) this entity
 * @param roles role nouns that refer to the entity without naming it, e.g. 首席科学家
 * @param partOf the organisation this one belongs to (a board, a team), or null; its generic aliases such as
 *        董事会 count only where that organisation is the one meant
 * @param memberOf organisations (a board, a team) a person belongs to and speaks for: 我们 in their words means
 *        the first of these the article names; empty when they speak for their employer
 */
public record StoryEntity(String id, String type, String gender, Map<String, List<String>> names,
                          Map<String, List<String>> aliases, Map<String, List<String>> ambiguousAliases,
                          Cues cues, List<Role> roles, String partOf,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> memberOf) {

    public static final String PERSON = "person";
    public static final String ORGANIZATION = "organization";

    public StoryEntity {
        names = copyOf(names);
        aliases = copyOf(aliases);
        ambiguousAliases = copyOf(ambiguousAliases);
        cues = cues == null ? Cues.NONE : cues;
        roles = roles == null ? List.of() : List.copyOf(roles);
        memberOf = memberOf == null ? List.of() : List.copyOf(memberOf);
    }

    /** An entity that belongs to no body it speaks for: the form most entities take. */
    public StoryEntity(String id, String type, String gender, Map<String, List<String>> names,
                       Map<String, List<String>> aliases, Map<String, List<String>> ambiguousAliases,
                       Cues cues, List<Role> roles, String partOf) {
        this(id, type, gender, names, aliases, ambiguousAliases, cues, roles, partOf, List.of());
    }

    @JsonIgnore
    public boolean isPerson() {
        return PERSON.equals(type);
    }

    /** Full names and aliases of every language: the names that count on their own. */
    public List<String> unambiguousNames() {
        return Stream.concat(names.values().stream(), aliases.values().stream()).flatMap(List::stream).toList();
    }

    public List<String> allAmbiguousAliases() {
        return ambiguousAliases.values().stream().flatMap(List::stream).toList();
    }

    static Map<String, List<String>> copyOf(Map<String, List<String>> byLanguage) {
        if (byLanguage == null) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byLanguage.forEach((language, list) -> copy.put(language, list == null ? List.of() : List.copyOf(list)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
