package io.storywatch.stage.aggregate;

/**
 * The running totals of one faction or entity in one window: what the window store keeps and what each output
 * record is computed from.
 *
 * <p>The mean is over articles, unweighted: an article is one outlet's stance, whether it names the target once or
 * ten times (mentions are reported separately), and the article score already weighs its own mentions. Labels other
 * than pos, neg, neu and mixed count as articles only.
 */
public record SentimentTally(long articles, long mentions, double scoreSum, long pos, long neg, long neu, long mixed) {

    public static SentimentTally empty() {
        return new SentimentTally(0, 0, 0.0, 0, 0, 0, 0);
    }

    public SentimentTally add(Portrayal portrayal) {
        String label = portrayal.label() == null ? "" : portrayal.label();
        return new SentimentTally(articles + 1, mentions + portrayal.mentions(), scoreSum + portrayal.score(),
                pos + (label.equals("pos") ? 1 : 0), neg + (label.equals("neg") ? 1 : 0),
                neu + (label.equals("neu") ? 1 : 0), mixed + (label.equals("mixed") ? 1 : 0));
    }

    public double meanScore() {
        return articles == 0 ? 0.0 : scoreSum / articles;
    }
}
