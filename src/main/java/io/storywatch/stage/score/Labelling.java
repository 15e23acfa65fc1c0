package io.storywatch.stage.score;

/**
 * How scores become labels: a target or entity is pos/neg beyond {@code threshold}; a faction is mixed when it has
 * at least {@code mixedMinimum} (confidence-weighted) pos and neg targets each and the smaller side is at least
 * {@code mixedRatio} of the larger, else it takes the sign of its mean if that passes {@code factionThreshold}.
 */
public record Labelling(double threshold, double factionThreshold, double mixedMinimum, double mixedRatio) {

    public static final Labelling DEFAULT = new Labelling(0.2, 0.1, 1.0, 0.5);

    public String label(double score) {
        return score >= threshold ? "pos" : score <= -threshold ? "neg" : "neu";
    }
}
