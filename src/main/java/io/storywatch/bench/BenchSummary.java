package io.storywatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line per figure of a benchmark run, with the targets next to the figures they judge (issue 14's ratio and broker
 * records, which it sets for the rules-only scorer; the latency and heap targets of issues 6 and 12).
 */
public final class BenchSummary {

    static final double RATIO_TARGET = 0.35;
    static final double RECORDS_PER_ARTICLE_TARGET = 15;
    static final long FACTION_P99_TARGET_MILLIS = 1000;
    static final long HEAP_TARGET_BYTES = 1L << 30;

    private BenchSummary() {
    }

    @SuppressWarnings("unchecked")
    public static List<String> lines(Map<String, Object> figures) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> hanlp = (Map<String, Object>) figures.get("hanlp");
        if (hanlp != null) {
            lines.add(String.format("hanlp.single-thread     %,.0f chars/s, %,.1f articles/s (%s; %s passes in %s s "
                            + "after %s s warm-up)", num(hanlp, "charsPerSecond"), num(hanlp, "articlesPerSecond"),
                    hanlp.get("segmenter"), hanlp.get("passes"), hanlp.get("seconds"), hanlp.get("warmUpSeconds")));
        }
        if (figures.get("pipeline") instanceof Map<?, ?> pipeline && pipeline.get("warmUp") instanceof Map<?, ?> warmUp
                && warmUp.get("rounds") instanceof List<?> rounds && !rounds.isEmpty()) {
            lines.add(warmUpLine(warmUp, rounds));
        }
        Map<String, Object> t = (Map<String, Object>) figures.get("throughput");
        if (t != null) {
            lines.add(String.format("pipeline.throughput     %,.1f articles/s, %,.0f chars/s (%s articles, first send "
                            + "to last aggregate update %s s, exactly-once%s)", num(t, "articlesPerSecond"),
                    num(t, "charsPerSecond"), t.get("articles"), t.get("seconds"),
                    Boolean.TRUE.equals(t.get("complete")) ? "" : "; INCOMPLETE: not every output arrived"));
        }
        if (figures.get("ratio") != null) {
            double ratio = ((Number) figures.get("ratio")).doubleValue();
            lines.add(String.format("ratio                   %.3f end-to-end chars/s / bare HanLP chars/s (target >= "
                    + "%.2f: %s)", ratio, RATIO_TARGET, ratio >= RATIO_TARGET ? "met" : "MISSED"));
        }
        if (figures.get("cpuRatio") != null && hanlp != null && t != null) {
            double cpuRatio = ((Number) figures.get("cpuRatio")).doubleValue();
            lines.add(String.format("cpu                     pipeline %,.0f chars per CPU-second (all its threads, "
                            + "broker included: %s CPU-s for the burst), bare HanLP %,.0f: HanLP is %.1f%% of the "
                            + "pipeline's CPU, so with %s cores the ratio could reach at most %.2f",
                    num(t, "charsPerCpuSecond"), t.get("pipelineCpuSeconds"), num(hanlp, "charsPerCpuSecond"),
                    100 * cpuRatio, figures.get("cpus"), cpuRatio * ((Number) figures.get("cpus")).doubleValue()));
        }
        if (t != null && t.get("cpuSecondsByPart") instanceof Map<?, ?> parts) {
            double total = parts.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
            List<String> shares = new ArrayList<>();
            parts.forEach((part, seconds) -> {
                double share = ((Number) seconds).doubleValue() / total;
                if (share >= 0.005) {
                    shares.add(String.format("%s %.1f%%", part, 100 * share));
                }
            });
            lines.add("cpu.by-part             " + String.join(", ", shares) + " (of the burst's CPU, from thread "
                    + "CPU times)");
        }
        if (t != null && t.get("brokerRecordsInPerArticle") instanceof Map<?, ?> records
                && t.get("brokerRequestsPerArticle") instanceof Map<?, ?> requests) {
            lines.add(String.format("broker.per-article      %.1f records in (%s; target <= %.0f: %s), %.1f requests "
                            + "(%s)", total(records), top(records, 4), RECORDS_PER_ARTICLE_TARGET,
                    total(records) <= RECORDS_PER_ARTICLE_TARGET ? "met" : "MISSED", total(requests),
                    top(requests, 4)));
        }
        Map<String, Object> l = (Map<String, Object>) figures.get("latency");
        if (l != null) {
            Map<String, Object> scored = (Map<String, Object>) l.get("toScoredMillis");
            Map<String, Object> faction = (Map<String, Object>) l.get("toFactionUpdateMillis");
            lines.add(String.format("latency.scored          p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (%s of %s "
                            + "articles, %s/s for %s s)", scored.get("p50"), scored.get("p95"), scored.get("p99"),
                    scored.get("max"), scored.get("count"), l.get("sent"), l.get("rate"), l.get("seconds")));
            Object p99 = faction.get("p99");
            String verdict = p99 == null ? "no updates"
                    : ((Number) p99).longValue() <= FACTION_P99_TARGET_MILLIS ? "met" : "MISSED";
            lines.add(String.format("latency.faction-update  p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (%s of %s "
                            + "articles; target p99 <= %d ms: %s)", faction.get("p50"), faction.get("p95"), p99,
                    faction.get("max"), faction.get("count"), l.get("sent"), FACTION_P99_TARGET_MILLIS, verdict));
        }
        Map<String, Object> m = (Map<String, Object>) figures.get("memory");
        if (m != null) {
            long peak = ((Number) m.get("heapUsedPeakBytes")).longValue();
            lines.add(String.format("memory.heap             peak used %d MiB sampled every 250 ms, at most %d MiB "
                            + "after a GC, max %d MiB, %s GCs in %s ms (target: runs within 1 GiB: %s)",
                    peak >> 20, ((Number) m.get("heapAfterGcPeakBytes")).longValue() >> 20,
                    ((Number) m.get("heapMaxBytes")).longValue() >> 20, m.get("gcCount"), m.get("gcMillis"),
                    peak <= HEAP_TARGET_BYTES && Boolean.TRUE.equals(m.get("pipelineAlive")) ? "met" : "MISSED"));
            if (m.get("heapLiveAtEndBytes") instanceof Number live && live.longValue() >= 0) {
                lines.add(String.format("memory.live             %d MiB of heap held after a full GC at the end, "
                                + "with %s articles sent (what stores' caches, the aggregate's open windows and the "
                                + "dashboard's view retain)",
                        live.longValue() >> 20, m.get("articlesSent")));
            }
            lines.add(String.format("memory.rss              peak %d MiB (VmHWM), at the end %d MiB",
                    ((Number) m.get("rssPeakBytes")).longValue() >> 20, ((Number) m.get("rssLastBytes")).longValue() >> 20));
        }
        lines.add(String.format("load average            %s at start, %s at end (1, 5, 15 min; %s cpus)",
                figures.get("loadAverageAtStart"), figures.get("loadAverageAtEnd"), figures.get("cpus")));
        return lines;
    }

    /** The warm-up's rounds, each its CPU per article and the compiler's share, and whether it ended warm. */
    private static String warmUpLine(Map<?, ?> warmUp, List<?> rounds) {
        List<String> shown = new ArrayList<>();
        for (Object round : rounds) {
            Map<?, ?> r = (Map<?, ?>) round;
            shown.add(String.format("%.1f ms (JIT %.0f%%)", ((Number) r.get("cpuMillisPerArticle")).doubleValue(),
                    100 * ((Number) r.get("jitCompilerShare")).doubleValue()));
        }
        double threshold = 100 * ((Number) warmUp.get("warmAtJitShare")).doubleValue();
        return String.format("pipeline.warm-up        %s articles in %d rounds, CPU per article and the JIT compiler's "
                        + "share: %s; %s", warmUp.get("articles"), rounds.size(), String.join(", ", shown),
                Boolean.TRUE.equals(warmUp.get("warm"))
                        ? String.format("warm (JIT <= %.0f%%)", threshold)
                        : String.format("NOT WARM: the JIT compiler stayed above %.0f%% for %s rounds", threshold,
                                warmUp.get("maxRounds")));
    }

    private static double total(Map<?, ?> values) {
        return values.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
    }

    /** The first {@code limit} entries as {@code key value}, and how many more there are. */
    private static String top(Map<?, ?> values, int limit) {
        List<String> shown = new ArrayList<>();
        values.forEach((key, value) -> {
            if (shown.size() < limit) {
                shown.add(String.format("%s %.1f", key, ((Number) value).doubleValue()));
            }
        });
        int more = values.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? ", " + more + " more" : "");
    }

    private static double num(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
