package io.storywatch.stage.aggregate;

import io.storywatch.event.EvidenceSentence;

/**
 * One article's portrayal of one faction or entity: the part of a scored article a window counts, with the sentence
 * that drove it (null when no sentence scored a member entity).
 */
public record Portrayal(double score, String label, int mentions, EvidenceSentence sentence) {

    public Portrayal(double score, String label, int mentions) {
        this(score, label, mentions, null);
    }
}
