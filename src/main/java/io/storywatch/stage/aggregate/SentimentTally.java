package io.storywatch.stage.aggregate;

import io.storywatch.window.MeanInterval;

import io.storywatch.event.EvidenceArticle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The running totals of one faction or entity in one window: what the window store keeps and what each output
 * record is computed from.
 *
 * <p>The mean is over original articles, unweighted: an article is one outlet's stance, whether it names the target
 * once or ten times (mentions are reported separately), and the article score already weighs its own mentions.
 * Labels other than pos, neg, neu and mixed count as articles only. {@code scoreSquares} gives the spread for the
 * confidence interval; {@code copies} counts syndicated copies of the window's originals. {@code evidence} keeps the
 * top articles by |score| (ties: smaller id first), so it is the same whatever order the articles arrived in.
 */
public record SentimentTally(long articles, long mentions, double scoreSum, double scoreSquares, long pos, long neg,
                             long neu, long mixed, long copies, List<EvidenceArticle> evidence) {

    static final Comparator<EvidenceArticle> STRONGEST_FIRST =
            Comparator.comparingDouble((EvidenceArticle e) -> -Math.abs(e.score())).thenComparing(EvidenceArticle::id);

    public SentimentTally {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static SentimentTally empty() {
        return new SentimentTally(0, 0, 0.0, 0.0, 0, 0, 0, 0, 0, List.of());
    }

    /** Counts a portrayal without evidence. */
    public SentimentTally add(Portrayal portrayal) {
        return add(portrayal, null, 0, 0);
    }

    /**
     * Counts one original article's portrayal, with its copies seen so far, keeping at most {@code evidenceLimit}
     * evidence articles.
     */
    public SentimentTally add(Portrayal portrayal, EvidenceArticle evidenceArticle, long articleCopies,
                              int evidenceLimit) {
        String label = portrayal.label() == null ? "" : portrayal.label();
        List<EvidenceArticle> kept = evidence;
        if (evidenceArticle != null && evidenceLimit > 0) {
            List<EvidenceArticle> candidates = new ArrayList<>(evidence);
            candidates.add(evidenceArticle);
            candidates.sort(STRONGEST_FIRST);
            kept = candidates.subList(0, Math.min(evidenceLimit, candidates.size()));
        }
        double score = portrayal.score();
        return new SentimentTally(articles + 1, mentions + portrayal.mentions(), scoreSum + score,
                scoreSquares + score * score, pos + (label.equals("pos") ? 1 : 0), neg + (label.equals("neg") ? 1 : 0),
                neu + (label.equals("neu") ? 1 : 0), mixed + (label.equals("mixed") ? 1 : 0), copies + articleCopies,
                kept);
    }

    /**
     * Takes back what {@link #add} counted for the original {@code articleId} with its {@code articleCopies}, when a
     * new version of the article replaces it. Its evidence goes; an article that evidence had displaced does not come
     * back (the list is then the strongest of the articles counted since).
     */
    public SentimentTally remove(Portrayal portrayal, String articleId, long articleCopies) {
        String label = portrayal.label() == null ? "" : portrayal.label();
        double score = portrayal.score();
        return new SentimentTally(articles - 1, mentions - portrayal.mentions(), scoreSum - score,
                scoreSquares - score * score, pos - (label.equals("pos") ? 1 : 0), neg - (label.equals("neg") ? 1 : 0),
                neu - (label.equals("neu") ? 1 : 0), mixed - (label.equals("mixed") ? 1 : 0), copies - articleCopies,
                evidence.stream().filter(e -> !e.id().equals(articleId)).toList());
    }

    /** Counts one more copy of the original {@code originalId}, which this window counted. */
    public SentimentTally addCopy(String originalId) {
        List<EvidenceArticle> updated = evidence.stream()
                .map(e -> e.id().equals(originalId)
                        ? new EvidenceArticle(e.id(), e.title(), e.source(), e.publishedAt(), e.score(), e.label(),
                                e.copies() + 1, e.sentence())
                        : e)
                .toList();
        return new SentimentTally(articles, mentions, scoreSum, scoreSquares, pos, neg, neu, mixed, copies + 1,
                updated);
    }

    public double meanScore() {
        return articles == 0 ? 0.0 : scoreSum / articles;
    }

    public MeanInterval interval() {
        return MeanInterval.of(articles, scoreSum, scoreSquares);
    }
}
