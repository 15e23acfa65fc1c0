package io.storywatch.stage.score;

/**
 * One training or prediction line: {"text", "target"?, "label"?, "implicit"?}; {@code implicit} marks a target
 * referred to by a pronoun or role phrase rather than by name.
 */
public record LabelledText(String text, String target, String label, Boolean implicit) {

    public LabelledText(String text, String target, String label) {
        this(text, target, label, null);
    }

    public boolean isImplicit() {
        return Boolean.TRUE.equals(implicit);
    }
}
