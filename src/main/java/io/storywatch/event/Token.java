package io.storywatch.event;

/** One word of a sentence with its part of speech; offsets index the article text. */
public record Token(String word, String pos, int start, int end) {
}
