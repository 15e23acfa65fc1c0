package io.storywatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSummaryTest {

    @Test
    void shouldJudgeTheRatioAndTheBrokerRecordsAgainstIssue14sTargets() {
        Map<String, Object> figures = Map.of("ratio", 0.187, "throughput", Map.of(
                "articlesPerSecond", 164.8, "charsPerSecond", 90519.0, "articles", 5000, "seconds", 30.3,
                "complete", true,
                "brokerRecordsInPerArticle", Map.of("news.articles.raw", 1.0, "news.articles.clean", 11.9),
                "brokerRequestsPerArticle", Map.of("Produce", 1.9)));

        List<String> lines = BenchSummary.lines(figures);

        assertEquals("ratio                   0.187 end-to-end chars/s / bare HanLP chars/s (target >= 0.35: MISSED)",
                lines.stream().filter(line -> line.startsWith("ratio")).findFirst().orElseThrow());
        String records = lines.stream().filter(line -> line.startsWith("broker.per-article")).findFirst()
                .orElseThrow();
        assertTrue(records.startsWith("broker.per-article      12.9 records in ("), records);
        assertTrue(records.contains("; target <= 15: met), 1.9 requests"), records);
    }

    @Test
    void shouldSayMissedWhenTheBrokerAppendsMoreThan15RecordsPerArticle() {
        Map<String, Object> figures = Map.of("throughput", Map.of("articlesPerSecond", 1.0, "charsPerSecond", 1.0,
                "articles", 1, "seconds", 1.0, "brokerRecordsInPerArticle", Map.of("news.articles.raw", 19.6),
                "brokerRequestsPerArticle", Map.of("Produce", 1.0)));

        assertTrue(BenchSummary.lines(figures).stream()
                .anyMatch(line -> line.contains("19.6 records in (news.articles.raw 19.6; target <= 15: MISSED)")));
    }

    @Test
    void shouldListEveryWarmUpRoundAndSayWhetherTheCompilerSettled() {
        Map<String, Object> round1 = Map.of("cpuMillisPerArticle", 10.94, "jitCompilerShare", 0.274);
        Map<String, Object> round2 = Map.of("cpuMillisPerArticle", 6.1, "jitCompilerShare", 0.081);
        Map<String, Object> warm = Map.of("pipeline", Map.of("warmUp", Map.of("articles", 10000, "rounds",
                List.of(round1, round2), "warm", true, "warmAtJitShare", 0.1, "maxRounds", 8)));
        Map<String, Object> cold = Map.of("pipeline", Map.of("warmUp", Map.of("articles", 5000, "rounds",
                List.of(round1), "warm", false, "warmAtJitShare", 0.1, "maxRounds", 1)));

        assertEquals(List.of("pipeline.warm-up        10000 articles in 2 rounds, CPU per article and the JIT "
                + "compiler's share: 10.9 ms (JIT 27%), 6.1 ms (JIT 8%); warm (JIT <= 10%)"),
                BenchSummary.lines(warm).stream().filter(line -> line.startsWith("pipeline.warm-up")).toList());
        assertTrue(BenchSummary.lines(cold).stream().anyMatch(line -> line.endsWith(
                "NOT WARM: the JIT compiler stayed above 10% for 1 rounds")));
    }
}
