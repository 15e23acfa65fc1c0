package io.storywatch.story;

import java.time.LocalDate;
import java.util.List;

/**
 * A position an entity holds, named by role nouns (首席科学家, CEO) that refer to it without naming it; valid from
 * and to are ISO dates, inclusive, either may be null for an open end.
 *
 * @param organization the entity id of the organisation the role is held at, or null
 */
public record Role(List<String> nouns, String organization, String validFrom, String validTo) {

    public Role {
        nouns = nouns == null ? List.of() : List.copyOf(nouns);
    }

    /** Whether the role is held on the given day; an unknown day accepts every role. */
    public boolean heldOn(LocalDate day) {
        if (day == null) {
            return true;
        }
        return (validFrom == null || !day.isBefore(LocalDate.parse(validFrom)))
                && (validTo == null || !day.isAfter(LocalDate.parse(validTo)));
    }
}
