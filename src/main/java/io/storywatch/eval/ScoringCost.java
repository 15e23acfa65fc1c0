package io.storywatch.eval;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.RawArticle;
import io.storywatch.event.Sentence;
import io.storywatch.stage.score.ArticleScorer;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what scoring an article costs with what segmenting it costs, on whole articles, after a warm-up pass:
 * the score stage should not be the pipeline's bottleneck.
 */
public final class ScoringCost {

    /** Milliseconds per article, averaged over the measured rounds. */
    public record Result(int articles, int rounds, double segmentMillisPerArticle, double scoreMillisPerArticle,
                         double ratio) {
    }

    /** Rounds run first and not counted, so both sides are measured compiled rather than interpreted. */
    static final int WARM_UP_ROUNDS = 10;

    private ScoringCost() {
    }

    public static Result measure(List<RawArticle> articles, OracleTagging tagging, ArticleScorer scorer, int rounds) {
        List<EntitiesTagged> tagged = new ArrayList<>();
        for (RawArticle article : articles) {
            tagged.add(tagging.tagWholeArticle(article));
        }
        long segmentNanos = 0;
        long scoreNanos = 0;
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            long segment = 0;
            long score = 0;
            for (EntitiesTagged article : tagged) {
                long started = System.nanoTime();
                for (Sentence sentence : article.sentences()) {
                    OracleTagging.segment(sentence.text(), sentence.start());
                }
                long segmented = System.nanoTime();
                scorer.score(article);
                long scored = System.nanoTime();
                segment += segmented - started;
                score += scored - segmented;
            }
            if (round >= 0) {
                segmentNanos += segment;
                scoreNanos += score;
            }
        }
        double perArticle = 1e6 * rounds * Math.max(1, articles.size());
        return new Result(articles.size(), rounds, segmentNanos / perArticle, scoreNanos / perArticle,
                segmentNanos == 0 ? 0 : (double) scoreNanos / segmentNanos);
    }
}
