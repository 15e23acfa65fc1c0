package io.storywatch.stage.score;

/**
 * How scores become labels: a target or entity is pos/neg beyond {@code threshold}. A faction is mixed when it has
 * at least {@code mixedMinimum} (confidence-weighted) pos and neg targets each and the smaller side is at least
 * {@code mixedRatio} of the larger; else it takes the larger side when that side holds at least
 * {@code factionShare} of its targets; else it is neu. Counting labels rather than averaging scores keeps one clear
 * judgement from drowning in neutral mentions, as a reader's overall impression does.
 */
public record Labelling(double threshold, double factionShare, double mixedMinimum, double mixedRatio) {

    public static final Labelling DEFAULT = new Labelling(0.2, 0.15, 1.0, 0.67);

    public String label(double score) {
        return score >= threshold ? "pos" : score <= -threshold ? "neg" : "neu";
    }
}
