package io.storywatch.stage.score.rules;

import java.util.List;

/**
 * How a clause relates to the targets of the sentence.
 *
 * @param subject the subject carried over from an earlier clause that this clause also speaks of, or null
 * @param carried the names of the previous naming clause this clause speaks of, when no subject is carried over
 */
public record Topic(Reading reading, String subject, List<String> carried) {

    public Topic {
        carried = List.copyOf(carried);
    }

    /** What a clause does for the sentence's targets. */
    public enum Reading {
        /** It names targets itself (and may also speak of the subject carried over). */
        NAMES_TARGETS,
        /** Before anyone is named, it has a subject of its own ("我一直很欣赏这家媒体，…"): it frames nobody else. */
        HAS_OWN_SUBJECT,
        /** Before anyone is named, it only says when ("宫斗落幕后，…"): it sets the time, not the tone. */
        SETS_TIME,
        /** Before anyone is named, it frames the whole sentence ("一出闹剧，几乎让…"). */
        LEADS_IN,
        /** It names nobody and speaks of the subject carried over ("John Schulman，长年领导…"). */
        CARRIES_SUBJECT,
        /** It names nobody and, with no subject carried over, speaks of the previous clause's names. */
        CARRIES_NAMES
    }
}
