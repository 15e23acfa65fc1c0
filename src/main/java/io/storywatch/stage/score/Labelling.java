package io.storywatch.stage.score;

/**
 * How scores become labels, stated as the few parameters a reader of the article label needs to know.
 *
 * <p>A target or entity is pos/neg beyond {@code threshold}. A faction's label reads the shares of its targets
 * (confidence-weighted) labelled pos and neg, so a long article does not tip into {@code mixed} by volume: it is
 * {@code mixed} when both shares reach {@code mixedShare}; else it takes the larger side when that side holds at least
 * {@code factionShare} of its targets; else it is {@code neu}. A faction named outside the headline in fewer than
 * {@code passingShare} of the article's sentences is mentioned in passing, not portrayed, and is {@code absent}. A
 * headline that judges a member (pos or neg) frames the whole article for its reader and weighs
 * {@code headlineWeight} body sentences.
 */
public record Labelling(double threshold, double factionShare, double mixedShare, double passingShare,
                        double headlineWeight) {

    public static final Labelling DEFAULT = new Labelling(0.2, 0.2, 0.25, 0.025, 2);

    public String label(double score) {
        return score >= threshold ? "pos" : score <= -threshold ? "neg" : "neu";
    }

    /** The article label of one faction from its weighted target counts; see the class comment. */
    public String factionLabel(double weight, double pos, double neg, int sentences, int articleSentences,
                               boolean inHeadline) {
        if (weight <= 0 || !inHeadline && sentences < passingShare * articleSentences) {
            return "absent";
        }
        double posShare = pos / weight;
        double negShare = neg / weight;
        if (posShare >= mixedShare && negShare >= mixedShare) {
            return "mixed";
        }
        if (posShare > negShare && posShare >= factionShare) {
            return "pos";
        }
        if (negShare > posShare && negShare >= factionShare) {
            return "neg";
        }
        return "neu";
    }
}
