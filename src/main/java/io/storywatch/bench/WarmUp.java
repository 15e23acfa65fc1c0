package io.storywatch.bench;

import java.util.List;

/**
 * How long the benchmark warms the pipeline up before it measures: rounds of articles until the JIT compiler's share of
 * a round's CPU has fallen to {@code jitShare}, at most {@code maxRounds} of them. Bare HanLP reaches compiled code in
 * seconds; the pipeline (broker, clients, Streams and five stages in one JVM) keeps compiling for tens of thousands of
 * articles, and a burst measured while it does weighs a one-time cost as if every article paid it.
 *
 * @param roundArticles articles of each round; 0 for no warm-up
 * @param maxRounds the most rounds, whatever the compiler's share
 * @param jitShare the share of a round's CPU (0 to 1) at or below which the pipeline counts as warm
 */
public record WarmUp(int roundArticles, int maxRounds, double jitShare) {

    public WarmUp {
        if (roundArticles < 0 || maxRounds < 1) {
            throw new IllegalArgumentException("warm-up rounds need 0 or more articles and at most 1 or more rounds, "
                    + "not " + roundArticles + " articles and " + maxRounds + " rounds");
        }
        if (!(jitShare > 0 && jitShare <= 1)) {
            throw new IllegalArgumentException("the JIT compiler's share ending the warm-up must be above 0% and at "
                    + "most 100%, not " + 100 * jitShare + "%");
        }
    }

    /** One warm-up round: its articles, wall time, the process's CPU and the JIT compiler threads' part of it. */
    public record Round(int articles, double seconds, double cpuSeconds, double jitSeconds) {

        public double jitShare() {
            return cpuSeconds <= 0 ? 0 : jitSeconds / cpuSeconds;
        }

        public double cpuMillisPerArticle() {
            return articles == 0 ? 0 : 1000 * cpuSeconds / articles;
        }

        public double articlesPerSecond() {
            return seconds <= 0 ? 0 : articles / seconds;
        }
    }

    /** Whether the rounds so far are enough: the last one's compiler share at or below the threshold, or no more left. */
    public boolean done(List<Round> rounds) {
        if (roundArticles == 0 || rounds.size() >= maxRounds) {
            return true;
        }
        return !rounds.isEmpty() && rounds.get(rounds.size() - 1).jitShare() <= jitShare;
    }

    /** Whether the last round met the threshold (false when the warm-up stopped at its most rounds, or had none). */
    public boolean warm(List<Round> rounds) {
        return !rounds.isEmpty() && rounds.get(rounds.size() - 1).jitShare() <= jitShare;
    }
}
