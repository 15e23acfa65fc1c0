package io.storywatch.web.view;

import io.storywatch.event.TargetSentiment;
import java.util.List;
import java.util.Map;

/**
 * A sentence that drove a score, with the spans to highlight: {@code highlights} offsets index {@code text} (the
 * sentence itself), {@code start}/{@code end} index the article text.
 */
public record EvidenceSentence(int index, int start, int end, String text, double sentiment,
                               Map<String, TargetSentiment> targets, List<Highlight> highlights) {

    /** A mention inside the sentence: the entity it refers to and its span relative to the sentence. */
    public record Highlight(int start, int end, String entity) {
    }
}
