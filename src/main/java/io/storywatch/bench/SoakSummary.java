package io.storywatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The soak's figures as lines a person reads: one per slice, and the table of every slice. */
public final class SoakSummary {

    private SoakSummary() {
    }

    /** One slice on one line, for progress. */
    static String line(Map<String, Object> slice) {
        return String.format("slice %s (articles %s-%d): %s CPU-ms/article, %s broker records/article (ingest's "
                        + "internal topics %s), %s near-duplicate candidates/article, live heap %s MiB, state %s MiB, "
                        + "late share %s%s", slice.get("slice"), slice.get("firstArticle"),
                ((Number) slice.get("firstArticle")).intValue() + ((Number) slice.get("articles")).intValue() - 1,
                slice.get("cpuMsPerArticle"), slice.get("brokerRecordsPerArticle"),
                slice.get("ingestRecordsPerArticle"), slice.get("nearDuplicateCandidatesPerArticle"),
                mib(slice.get("liveHeapAfterFullGcBytes")), mib(slice.get("stateDirBytes")), slice.get("lateShare"),
                Boolean.TRUE.equals(slice.get("complete")) ? "" : " (INCOMPLETE)");
    }

    /** A Markdown table of every slice, as docs/benchmark-results.md shows it. */
    @SuppressWarnings("unchecked")
    public static List<String> table(Map<String, Object> figures) {
        List<String> lines = new ArrayList<>();
        lines.add("| slice | articles | CPU ms/article | broker records/article | ingest internal records/article "
                + "| near-dup candidates/article | live heap after full GC (MiB) | state dir (MiB) "
                + "| broker data (MiB) | late share | wall s |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, Object> s : (List<Map<String, Object>>) figures.getOrDefault("slices", List.of())) {
            int first = ((Number) s.get("firstArticle")).intValue();
            lines.add(String.format("| %s | %d–%d | %s | %s | %s | %s | %s | %s | %s | %s | %s |", s.get("slice"),
                    first, first + ((Number) s.get("articles")).intValue() - 1, s.get("cpuMsPerArticle"),
                    s.get("brokerRecordsPerArticle"), s.get("ingestRecordsPerArticle"),
                    s.get("nearDuplicateCandidatesPerArticle"), mib(s.get("liveHeapAfterFullGcBytes")),
                    mib(s.get("stateDirBytes")), mib(s.get("brokerDataBytes")), s.get("lateShare"),
                    s.get("seconds")));
        }
        return lines;
    }

    private static String mib(Object bytes) {
        return bytes instanceof Number n && n.longValue() >= 0 ? String.format("%.1f", n.longValue() / 1048576.0) : "?";
    }
}
