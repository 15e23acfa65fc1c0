package io.storywatch.story;

import java.util.List;

/** A story definition that cannot be used, with every problem found in it. */
public final class InvalidStoryException extends RuntimeException {

    private final List<String> problems;

    public InvalidStoryException(String origin, List<String> problems) {
        super("invalid story " + origin + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
