package io.storywatch.event;

/**
 * One place an entity is referred to. Named mentions have {@code implicit} false and confidence 1; a role noun or
 * pronoun resolved to the entity has {@code implicit} true and the resolver's confidence in (0, 1].
 */
public record Mention(int start, int end, String text, int sentence, boolean implicit, double confidence) {
    public static Mention named(int start, int end, String text, int sentence) {
        return new Mention(start, end, text, sentence, false, 1.0);
    }
}
