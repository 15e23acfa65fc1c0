package io.storywatch.stage.score;

/**
 * Where a sentence refers to a target, [start, end) relative to the sentence text. Named mentions have confidence 1;
 * implicit ones (pronoun, role noun) carry the resolver's confidence.
 */
public record TargetSpan(String target, int start, int end, boolean implicit, double confidence) {

    public static TargetSpan named(String target, int start, int end) {
        return new TargetSpan(target, start, end, false, 1.0);
    }
}
