package io.storywatch.story;

import java.time.LocalDate;

/** An entity's membership of a faction, optionally bounded by ISO dates (inclusive). */
public record FactionMember(String id, String validFrom, String validTo) {

    /** Whether the membership holds on the given day; an unknown day accepts every membership. */
    public boolean heldOn(LocalDate day) {
        if (day == null) {
            return true;
        }
        return (validFrom == null || !day.isBefore(LocalDate.parse(validFrom)))
                && (validTo == null || !day.isAfter(LocalDate.parse(validTo)));
    }
}
