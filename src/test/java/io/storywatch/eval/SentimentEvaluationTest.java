package io.storywatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.RawArticle;
import io.storywatch.event.ScoredSentence;
import io.storywatch.stage.score.ArticleScorer;
import io.storywatch.stage.score.RuleSentimentModel;
import io.storywatch.stage.score.SentimentLexicon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentEvaluationTest {

    @TempDir
    Path dir;

    private Gold gold;
    private OracleTagging oracle;
    private ArticleScorer scorer;
    private final List<RawArticle> articles = List.of(
            new RawArticle("a1", "董事会风波", "董事会解雇了奥特曼。微软力挺奥特曼。2015年，奥特曼创立了OpenAI。",
                    null, "test", null, "zh"));

    @BeforeEach
    void writeHandWrittenGold() throws IOException {
        Files.writeString(dir.resolve("gold.jsonl"), String.join("\n",
                line("a1#0", "董事会解雇了奥特曼。", "[\"openai-board\",\"sam-altman\"]",
                        "{\"sam-altman\":\"neg\",\"openai-board\":\"neu\"}"),
                line("a1#1", "微软力挺奥特曼。", "[\"microsoft\",\"sam-altman\"]",
                        "{\"sam-altman\":\"pos\",\"microsoft\":\"neu\"}"),
                // a gold pos the rules cannot see: a plain founding report
                line("a1#2", "2015年，奥特曼创立了OpenAI。", "[\"openai\",\"sam-altman\"]",
                        "{\"sam-altman\":\"neu\",\"openai\":\"pos\"}"),
                "{\"article\":\"a1\",\"factions\":{\"acceleration\":\"mixed\",\"safety\":\"absent\"}}"));
        Files.writeString(dir.resolve("catalogue.json"), """
                {"people": {"sam-altman": ["奥特曼", "Sam Altman"], "ilya-sutskever": ["苏茨克维"]},
                 "organizations": {"openai": ["OpenAI"], "openai-board": ["董事会"], "microsoft": ["微软"]},
                 "factions": {"safety": ["ilya-sutskever"], "acceleration": ["sam-altman"]}}
                """);
        gold = Gold.read(dir.resolve("gold.jsonl"));
        oracle = OracleTagging.fromCatalogue(gold, dir.resolve("catalogue.json"));
        scorer = new ArticleScorer(new RuleSentimentModel(SentimentLexicon.loadDefault()), oracle.factions());
    }

    private static String line(String tid, String sentence, String entities, String targets) {
        return "{\"tid\":\"" + tid + "\",\"article\":\"a1\",\"sentence\":\"" + sentence + "\",\"entities\":" + entities
                + ",\"implicit\":[],\"targets\":" + targets + "}";
    }

    @Test
    void shouldScoreMacroF1ConfusionAndFactionAccuracyOnGoldPairs() {
        SentimentEvaluation.Report report = SentimentEvaluation.run(articles, gold, oracle, scorer);
        assertEquals(6, report.pairs());
        assertEquals(Map.of("pos", 1, "neg", 0, "neu", 1, "missing", 0), report.confusion().get("pos"));
        assertEquals(Map.of("pos", 0, "neg", 1, "neu", 0, "missing", 0), report.confusion().get("neg"));
        assertEquals(Map.of("pos", 0, "neg", 0, "neu", 3, "missing", 0), report.confusion().get("neu"));
        double posF1 = 2 * 1.0 * 0.5 / 1.5;
        double neuF1 = 2 * 0.75 * 1.0 / 1.75;
        assertEquals(Math.round((posF1 + 1.0 + neuF1) / 3 * 10000) / 10000.0, report.macroF1(), 1e-9);
        assertEquals(1.0, report.factionAccuracy(), 1e-9);
        assertEquals(2, report.factionLabels());
    }

    @Test
    void shouldCountATargetTheTaggerDidNotFindAsWrong() {
        ArticleTagging findsNobody = article -> {
            EntitiesTagged tagged = oracle.tag(article);
            return new EntitiesTagged(tagged.schemaVersion(), tagged.id(), tagged.title(), tagged.text(),
                    tagged.publishedAt(), tagged.source(), tagged.url(), tagged.language(), tagged.contentHash(),
                    tagged.duplicateOf(), tagged.sentences(), List.of(), List.of(), 0, false, tagged.versions());
        };
        SentimentEvaluation.Report report = SentimentEvaluation.run(articles, gold, findsNobody, scorer);
        assertEquals(6, report.targetsNotFound());
        assertEquals(0.0, report.macroF1(), 1e-9);
        assertEquals(0.5, report.factionAccuracy(), 1e-9);
    }

    @Test
    void shouldFindAGoldSentenceDespiteSpacesAndFullWidthCharacters() {
        ScoredSentence other = new ScoredSentence(0, 0, 5, "别的句子。", 0, Map.of());
        ScoredSentence same = new ScoredSentence(1, 5, 30, "OpenAI CEO 奥特曼被解雇。", 0, Map.of());
        assertEquals(same, SentimentEvaluation.align("ＯｐｅｎＡＩ CEO奥特曼被解雇。", List.of(other, same)));
    }
}
