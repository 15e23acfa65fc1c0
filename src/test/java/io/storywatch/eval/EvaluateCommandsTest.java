package io.storywatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.cli.StoryWatch;
import io.storywatch.eval.EvaluateNerCommand.GoldSentence;
import io.storywatch.eval.EvaluateNerCommand.Span;
import io.storywatch.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandsTest {

    @TempDir
    Path dir;

    private JsonNode run(String... args) throws Exception {
        Path out = dir.resolve("figures.json");
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        all[args.length + 1] = out.toString();
        assertEquals(0, StoryWatch.commandLine().execute(all));
        return Json.tree(Files.readString(out));
    }

    @Test
    void shouldScoreNamedAndImplicitMentionsPerSentenceAgainstGold() throws Exception {
        Path articles = dir.resolve("articles.jsonl");
        Path gold = dir.resolve("gold.jsonl");
        Files.writeString(articles, """
                {"id": "t1", "title": "ＯｐｅｎＡＩ风波", "body": "董事会解雇了奥特曼。他随后回到了公司。马斯克表示不满。", "publishedAt": "2023-11-25T00:00:00Z"}
                """);
        // the gold wrongly claims Musk is also in the second sentence: one miss, nothing else
        Files.writeString(gold, """
                {"tid": "t1#0", "article": "t1", "sentence": "OpenAI风波", "entities": ["openai"], "implicit": []}
                {"tid": "t1#1", "article": "t1", "sentence": "董事会解雇了奥特曼。", "entities": ["openai-board", "sam-altman"], "implicit": []}
                {"tid": "t1#2", "article": "t1", "sentence": "他随后回到了公司。", "entities": ["elon-musk"], "implicit": ["sam-altman", "openai"]}
                {"article": "t1", "factions": {"safety": "absent", "acceleration": "neu"}}
                """);

        JsonNode figures = run("evaluate", "entities", "--articles", articles.toString(), "--gold", gold.toString(),
                "--rounds", "1");

        assertEquals(3, figures.get("sentences").asInt());
        assertEquals(0, figures.get("unaligned").asInt());
        JsonNode named = figures.get("named");
        assertEquals(List.of(3L, 0L, 1L), List.of(named.get("tp").asLong(), named.get("fp").asLong(),
                named.get("fn").asLong()));
        JsonNode implicit = figures.get("implicit");
        assertEquals(List.of(2L, 0L, 0L), List.of(implicit.get("tp").asLong(), implicit.get("fp").asLong(),
                implicit.get("fn").asLong()));
        assertEquals("elon-musk", figures.get("errors").get(0).get("entity").asText());
        assertEquals(1, figures.get("errors").size());
        assertTrue(figures.get("taggingMsPerArticle").asDouble() > 0);
    }

    @Test
    void shouldPrintMacroF1WithItsIntervalAndCompareWithAnEarlierReport() throws Exception {
        Path articles = dir.resolve("articles.jsonl");
        Path gold = dir.resolve("gold.jsonl");
        Files.writeString(articles, """
                {"id": "t1", "title": "OpenAI风波", "body": "董事会解雇了奥特曼。奥特曼随后回到了公司。", "publishedAt": "2023-11-25T00:00:00Z"}
                {"id": "t2", "title": "马斯克起诉", "body": "马斯克起诉OpenAI。微软发布了新产品。", "publishedAt": "2024-03-01T00:00:00Z"}
                """);
        Files.writeString(gold, """
                {"tid": "t1#1", "article": "t1", "sentence": "董事会解雇了奥特曼。", "entities": ["openai-board", "sam-altman"], "implicit": [], "targets": {"openai-board": "neu", "sam-altman": "neg"}}
                {"tid": "t1#2", "article": "t1", "sentence": "奥特曼随后回到了公司。", "entities": ["sam-altman"], "implicit": [], "targets": {"sam-altman": "pos"}}
                {"tid": "t2#1", "article": "t2", "sentence": "马斯克起诉OpenAI。", "entities": ["elon-musk", "openai"], "implicit": [], "targets": {"elon-musk": "neu", "openai": "neg"}}
                {"tid": "t2#2", "article": "t2", "sentence": "微软发布了新产品。", "entities": ["microsoft"], "implicit": [], "targets": {"microsoft": "neu"}}
                """);

        JsonNode first = run("evaluate", "sentiment", "--articles", articles.toString(), "--gold", gold.toString(),
                "--sentiment", "rules", "--draws", "300");
        Path earlier = dir.resolve("earlier.json");
        Files.copy(dir.resolve("figures.json"), earlier);

        double macroF1 = first.get("macroF1").asDouble();
        JsonNode interval = first.get("macroF1Interval");
        assertEquals(300, interval.get("draws").asInt());
        assertTrue(interval.get("low").asDouble() <= macroF1 + 1e-4 && macroF1 - 1e-4 <= interval.get("high").asDouble(),
                interval + " vs " + macroF1);
        assertEquals(6, first.get("pairDetails").size());

        JsonNode again = run("evaluate", "sentiment", "--articles", articles.toString(), "--gold", gold.toString(),
                "--sentiment", "rules", "--draws", "300", "--compare-with", earlier.toString());
        assertEquals(macroF1, again.get("macroF1").asDouble(), 1e-12);
        JsonNode comparison = again.get("comparedWith");
        assertEquals(earlier.toString(), comparison.get("report").asText());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), List.of(comparison.get("observed").asDouble(),
                comparison.get("low").asDouble(), comparison.get("high").asDouble(),
                comparison.get("shareAbove").asDouble()));
        assertEquals(2, comparison.get("articles").asInt());

        Path notAReport = dir.resolve("not-a-report.json");
        Files.writeString(notAReport, "{\"macroF1\": 0.5}");
        assertEquals(false, 0 == StoryWatch.commandLine().execute("evaluate", "sentiment", "--articles",
                articles.toString(), "--gold", gold.toString(), "--sentiment", "rules", "--compare-with",
                notAReport.toString()));
    }

    @Test
    void shouldCompareTwoSavedReportsOverPairedDrawsOfTheirArticles() throws Exception {
        StringBuilder baseline = new StringBuilder("{\"sentimentVersion\": \"before\", \"pairDetails\": [");
        StringBuilder candidate = new StringBuilder("{\"sentimentVersion\": \"after\", \"pairDetails\": [");
        String[] labels = {"pos", "neg", "neu"};
        for (int a = 0; a < 8; a++) {
            for (int s = 0; s < 6; s++) {
                String gold = labels[s % 3];
                // the baseline gets two pairs of every article wrong, the candidate one
                String before = s < 2 ? labels[(s + 1) % 3] : gold;
                String after = s < 1 ? labels[(s + 1) % 3] : gold;
                String common = "{\"tid\": \"a" + a + "#" + s + "\", \"target\": \"openai\", \"gold\": \"" + gold
                        + "\", \"score\": 0.0, \"sentence\": \"句子\", \"predicted\": \"";
                String separator = a == 7 && s == 5 ? "" : ",";
                baseline.append(common).append(before).append("\"}").append(separator);
                candidate.append(common).append(after).append("\"}").append(separator);
            }
        }
        Path before = dir.resolve("before.json");
        Path after = dir.resolve("after.json");
        Files.writeString(before, baseline.append("]}").toString());
        Files.writeString(after, candidate.append("]}").toString());

        JsonNode figures = run("evaluate", "compare", "--baseline", before.toString(), "--candidate", after.toString(),
                "--draws", "500");

        assertEquals("before", figures.get("baseline").get("sentimentVersion").asText());
        assertTrue(figures.get("candidate").get("macroF1").asDouble() > figures.get("baseline").get("macroF1").asDouble());
        JsonNode difference = figures.get("difference");
        assertEquals(8, difference.get("articles").asInt());
        assertEquals(48, difference.get("pairs").asInt());
        assertTrue(difference.get("low").asDouble() > 0, difference.toString());
        assertEquals(1.0, difference.get("shareAbove").asDouble(), 1e-12);

        Path other = dir.resolve("other-gold.json");
        Files.writeString(other, "{\"pairDetails\": [{\"tid\": \"b0#0\", \"target\": \"openai\", \"gold\": \"neu\", "
                + "\"predicted\": \"neu\", \"score\": 0.0, \"sentence\": \"句子\"}]}");
        assertEquals(false, 0 == StoryWatch.commandLine().execute("evaluate", "compare", "--baseline",
                before.toString(), "--candidate", other.toString()));
    }

    @Test
    void shouldReadBioFilesIncludingWeiboStyleDigitsAndTypes() throws Exception {
        Path bio = dir.resolve("weibo.conll");
        Files.writeString(bio, String.join("\n", "李0\tB-PER.NAM", "彦1\tI-PER.NAM", "宏2\tI-PER.NAM", "在0\tO",
                "北0\tB-GPE.NAM", "京1\tI-GPE.NAM", "见0\tO", "老1\tB-PER.NOM", "师2\tI-PER.NOM", "", "欧 B-LOC",
                "美 B-LOC", "和 O", "新 B-ORG", "华 I-ORG", "社 I-ORG", ""));

        List<GoldSentence> sentences = EvaluateNerCommand.read(bio);

        assertEquals(List.of(
                new GoldSentence("李彦宏在北京见老师", Set.of(new Span("PER", 0, 3), new Span("LOC", 4, 6))),
                new GoldSentence("欧美和新华社", Set.of(new Span("LOC", 0, 1), new Span("LOC", 1, 2),
                        new Span("ORG", 3, 6)))), sentences);
    }

    @Test
    void shouldScoreSegmentationAsCharacterSpansWithAndWithoutTheStoryDictionary() throws Exception {
        Path input = dir.resolve("input.txt");
        Path gold = dir.resolve("gold.txt");
        Files.writeString(input, "伊利亚离职。\n");
        Files.writeString(gold, "伊利亚  离职  。\n");

        JsonNode figures = run("evaluate", "segmentation", "--input", input.toString(), "--gold", gold.toString());

        assertEquals(1.0, figures.get("story").get("f1").asDouble());
        assertTrue(figures.get("stock").get("f1").asDouble() < 1.0, figures.toString());
    }
}
