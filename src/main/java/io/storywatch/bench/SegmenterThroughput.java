package io.storywatch.bench;

import io.storywatch.stage.segment.Segmenter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The floor of the pipeline's cost: how fast one thread segments the benchmark texts with the segment stage's own
 * segmenter, after the JIT has warmed up, with nothing else around it.
 */
public final class SegmenterThroughput {

    /** Characters and time of the measured passes. */
    public record Result(long chars, long articles, long nanos, long cpuNanos, int passes) {

        public double charsPerSecond() {
            return chars / (nanos / 1e9);
        }

        public double articlesPerSecond() {
            return articles / (nanos / 1e9);
        }

        /** Characters per second of this thread's own CPU time: what the figure would be on an idle core. */
        public double charsPerCpuSecond() {
            return chars / (cpuNanos / 1e9);
        }
    }

    private SegmenterThroughput() {
    }

    /**
     * Segments {@code texts} over and over for {@code warmUp}, then measures whole passes over them until
     * {@code measure} has passed (at least one pass).
     */
    public static Result measure(Segmenter segmenter, List<String> texts, Duration warmUp, Duration measure,
                                 Consumer<String> progress) {
        long sink = 0;
        long warmUpEnd = System.nanoTime() + warmUp.toNanos();
        int warmUpArticles = 0;
        while (System.nanoTime() < warmUpEnd) {
            sink += segmenter.segment(texts.get(warmUpArticles++ % texts.size())).size();
        }
        progress.accept(String.format("HanLP warm-up: %d articles in %ds", warmUpArticles, warmUp.toSeconds()));
        long chars = 0;
        long articles = 0;
        int passes = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            for (String text : texts) {
                sink += segmenter.segment(text).size();
                chars += text.length();
            }
            articles += texts.size();
            passes++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < measure.toNanos());
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (sink == Long.MIN_VALUE) {
            // keeps the JIT from discarding the segmentation; never true in practice
            progress.accept("");
        }
        return new Result(chars, articles, elapsed, cpu, passes);
    }
}
