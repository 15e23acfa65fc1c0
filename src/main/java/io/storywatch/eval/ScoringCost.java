package io.storywatch.eval;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.RawArticle;
import io.storywatch.event.Sentence;
import io.storywatch.stage.score.ArticleScorer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares what scoring an article costs with what segmenting it costs, on whole articles: each article is
 * segmented and scored many times and the fastest run of each counts, so the figure holds on a machine shared with
 * other work and the score stage can be checked not to be the pipeline's bottleneck.
 */
public final class ScoringCost {

    /**
     * Fastest milliseconds per article, averaged over the articles, and scoring time over segmentation time; and the
     * fastest CPU time of scoring (every thread of the process, the encoder's own included), which other load on the
     * machine changes far less than the elapsed time.
     */
    public record Result(int articles, int rounds, double segmentMillisPerArticle, double scoreMillisPerArticle,
                         double ratio, double targetSentencesPerArticle, double scoreCpuMillisPerArticle) {

        /** Scoring time per sentence that holds a target (the sentences an encoder reads). */
        public double scoreMillisPerTargetSentence() {
            return targetSentencesPerArticle == 0 ? 0 : scoreMillisPerArticle / targetSentencesPerArticle;
        }

        /** Scoring CPU time per sentence that holds a target. */
        public double scoreCpuMillisPerTargetSentence() {
            return targetSentencesPerArticle == 0 ? 0 : scoreCpuMillisPerArticle / targetSentencesPerArticle;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ScoringCost() {
    }

    public static Result measure(List<RawArticle> articles, OracleTagging tagging, ArticleScorer scorer, int rounds) {
        List<EntitiesTagged> tagged = new ArrayList<>();
        for (RawArticle article : articles) {
            tagged.add(tagging.tagWholeArticle(article));
        }
        long[] fastestSegment = new long[tagged.size()];
        long[] fastestScore = new long[tagged.size()];
        long[] leastScoreCpu = new long[tagged.size()];
        Arrays.fill(fastestSegment, Long.MAX_VALUE);
        Arrays.fill(fastestScore, Long.MAX_VALUE);
        Arrays.fill(leastScoreCpu, Long.MAX_VALUE);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < tagged.size(); i++) {
                EntitiesTagged article = tagged.get(i);
                long started = System.nanoTime();
                for (Sentence sentence : article.sentences()) {
                    OracleTagging.segment(sentence.text(), sentence.start());
                }
                long segmented = System.nanoTime();
                long cpuBefore = PROCESS.getProcessCpuTime();
                scorer.score(article);
                long cpuAfter = PROCESS.getProcessCpuTime();
                long scored = System.nanoTime();
                fastestSegment[i] = Math.min(fastestSegment[i], segmented - started);
                fastestScore[i] = Math.min(fastestScore[i], scored - segmented);
                leastScoreCpu[i] = Math.min(leastScoreCpu[i], cpuAfter - cpuBefore);
            }
        }
        long targetSentences = tagged.stream().mapToLong(article -> article.entities().stream()
                .flatMap(entity -> entity.mentions().stream()).map(mention -> mention.sentence()).distinct().count())
                .sum();
        long segment = Arrays.stream(fastestSegment).sum();
        long score = Arrays.stream(fastestScore).sum();
        double perArticle = 1e6 * Math.max(1, tagged.size());
        return new Result(tagged.size(), rounds, segment / perArticle, score / perArticle,
                segment == 0 ? 0 : (double) score / segment, (double) targetSentences / Math.max(1, tagged.size()),
                Arrays.stream(leastScoreCpu).sum() / perArticle);
    }
}
