package io.storywatch.stage.aggregate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.window.ExactScores;
import io.storywatch.window.MeanInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The running totals of one faction or entity in one window: what the window store keeps and what each output
 * record is computed from.
 *
 * <p>The mean is over original articles, unweighted: an article is one outlet's stance, whether it names the target
 * once or ten times (mentions are reported separately), and the article score already weighs its own mentions.
 * Labels other than pos, neg, neu and mixed count as articles only. Scores are summed as whole millionths
 * ({@link ExactScores}), so the totals do not depend on arrival order; {@code squareMicros} gives the spread for the
 * confidence interval; {@code copies} counts syndicated copies of the window's originals. {@code evidence} keeps the
 * top articles by |score| (ties: smaller id first), so it is the same whatever order the articles arrived in.
 */
public record SentimentTally(long articles, long mentions, long scoreMicros, long squareMicros, long pos, long neg,
                             long neu, long mixed, long copies, List<EvidenceArticle> evidence) {

    static final Comparator<EvidenceArticle> STRONGEST_FIRST =
            Comparator.comparingDouble((EvidenceArticle e) -> -Math.abs(e.score())).thenComparing(EvidenceArticle::id);

    public SentimentTally {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static SentimentTally empty() {
        return new SentimentTally(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
    }

    /**
     * Reads a stored tally; one stored before sums were exact (scoreSum and scoreSquares as doubles) is converted to
     * the nearest millionths.
     */
    @JsonCreator
    static SentimentTally fromJson(@JsonProperty("articles") long articles, @JsonProperty("mentions") long mentions,
                                   @JsonProperty("scoreMicros") Long scoreMicros,
                                   @JsonProperty("squareMicros") Long squareMicros,
                                   @JsonProperty("scoreSum") Double scoreSum,
                                   @JsonProperty("scoreSquares") Double scoreSquares,
                                   @JsonProperty("pos") long pos, @JsonProperty("neg") long neg,
                                   @JsonProperty("neu") long neu, @JsonProperty("mixed") long mixed,
                                   @JsonProperty("copies") long copies,
                                   @JsonProperty("evidence") List<EvidenceArticle> evidence) {
        long sum = scoreMicros != null ? scoreMicros : scoreSum == null ? 0 : ExactScores.micros(scoreSum);
        long squares = squareMicros != null ? squareMicros
                : scoreSquares == null ? 0 : Math.round(scoreSquares * 1e12);
        return new SentimentTally(articles, mentions, sum, squares, pos, neg, neu, mixed, copies, evidence);
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
        return new SentimentTally(articles + 1, mentions + portrayal.mentions(),
                scoreMicros + ExactScores.micros(score), squareMicros + ExactScores.squareMicros(score), pos + (label.equals("pos") ? 1 : 0), neg + (label.equals("neg") ? 1 : 0),
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
        return new SentimentTally(articles - 1, mentions - portrayal.mentions(),
                scoreMicros - ExactScores.micros(score), squareMicros - ExactScores.squareMicros(score), pos - (label.equals("pos") ? 1 : 0), neg - (label.equals("neg") ? 1 : 0),
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
        return new SentimentTally(articles, mentions, scoreMicros, squareMicros, pos, neg, neu, mixed, copies + 1,
                updated);
    }

    public double meanScore() {
        return ExactScores.mean(scoreMicros, articles);
    }

    public double scoreSum() {
        return ExactScores.sum(scoreMicros);
    }

    public double scoreSquares() {
        return ExactScores.sumOfSquares(squareMicros);
    }

    public MeanInterval interval() {
        return MeanInterval.of(articles, scoreSum(), scoreSquares());
    }
}
