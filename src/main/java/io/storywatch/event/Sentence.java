package io.storywatch.event;

import java.util.List;

/** One sentence of an article's text, [start, end) in UTF-16 code units, with its tokens. */
public record Sentence(int index, int start, int end, String text, List<Token> tokens) {
}
