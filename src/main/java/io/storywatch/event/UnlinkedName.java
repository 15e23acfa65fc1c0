package io.storywatch.event;

/** A person or organisation name the story does not know, kept so a team can promote it into the story. */
public record UnlinkedName(String text, String type, int start, int end, int sentence) {
}
