package io.storywatch.stage.tag;

/** A stretch [start, end) of an article's text, in UTF-16 code units. */
record Span(int start, int end) {

    int length() {
        return end - start;
    }

    boolean overlaps(int otherStart, int otherEnd) {
        return otherStart < end && otherEnd > start;
    }
}
