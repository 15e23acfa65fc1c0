package io.storywatch.story;

import java.util.List;

/** Context words that confirm an entity (OpenAI near 奥特曼) or point to a namesake (怪兽 near 奥特曼). */
public record Cues(List<String> positive, List<String> negative) {

    public static final Cues NONE = new Cues(List.of(), List.of());

    public Cues {
        positive = positive == null ? List.of() : List.copyOf(positive);
        negative = negative == null ? List.of() : List.copyOf(negative);
    }
}
