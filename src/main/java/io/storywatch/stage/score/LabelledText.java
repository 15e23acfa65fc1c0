package io.storywatch.stage.score;

/** One training or prediction line: {"text", "target"?, "label"?}. */
public record LabelledText(String text, String target, String label) {
}
