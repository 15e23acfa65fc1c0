package io.storywatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.eval.ArticleBootstrap;
import io.storywatch.eval.ArticleTagging;
import io.storywatch.story.Faction;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.eval.Gold;
import io.storywatch.eval.OracleTagging;
import io.storywatch.eval.ScoringCost;
import io.storywatch.eval.SentimentEvaluation;
import io.storywatch.event.RawArticle;
import io.storywatch.json.Json;
import io.storywatch.stage.score.ArticleScorer;
import io.storywatch.stage.score.SentimentModel;
import io.storywatch.stage.score.SentimentModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints target-sentiment macro-F1, its confusion matrix and faction label accuracy against the story gold. */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Target sentiment macro-F1 (pos/neg/neu) on gold (sentence, target) pairs, confusion matrix, "
                + "and article-level faction label accuracy.")
public final class EvaluateSentimentCommand implements Callable<Integer> {

    /**
     * Rounds over the articles for --timing, the fastest of each counting: enough for the JIT to have compiled the
     * scorer's rules (with 30, runs read anywhere from 30% to 55% as the rules were still interpreted in some).
     */

    @Option(names = "--articles", required = true, description = "RawArticle JSONL, e.g. ../shared/eval/story/dev-articles.jsonl")
    Path articles;

    @Option(names = "--gold", required = true, description = "gold JSONL, e.g. ../shared/eval/story/dev-gold.jsonl")
    Path gold;

    @Option(names = "--json", description = "also write the full report (with every pair) to this file")
    Path json;

    @Option(names = "--oracle-entities",
            description = "place the gold entities on the gold sentences (plain HanLP words) instead of running "
                    + "the stream's segment and tag code: measures the sentiment logic alone")
    boolean oracle;

    @Option(names = "--catalogue", description = "entity catalogue for --oracle-entities (default: catalogue.json beside --gold)")
    Path catalogue;

    @Option(names = {"--sentiment", "--model"}, paramLabel = "encoder|rules|linear|FILE",
            description = "the target-sentiment model: " + SentimentModels.OPTION_HELP)
    String model;

    @Option(names = "--model-weight", defaultValue = "" + SentimentModels.DEFAULT_MODEL_WEIGHT,
            description = "share of the trained model in a target's score when --model is given (default ${DEFAULT-VALUE})")
    double modelWeight;

    @Option(names = "--timing",
            description = "also measure scoring time against plain HanLP segmentation time per whole article "
                    + "(needs the catalogue: --oracle-entities or --catalogue)")
    boolean timing;

    @Option(names = "--timing-rounds", defaultValue = "300",
            description = "with --timing: rounds over the articles; each article's fastest round counts "
                    + "(default ${DEFAULT-VALUE})")
    int timingRounds;

    @Option(names = "--draws", defaultValue = "" + ArticleBootstrap.DEFAULT_DRAWS,
            description = "articles drawn again with replacement this many times for the 95%% interval of macro-F1 "
                    + "and for --compare-with; 0: none (default ${DEFAULT-VALUE})")
    int draws;

    @Option(names = "--compare-with", paramLabel = "REPORT",
            description = "a report an earlier run wrote with --json on the same gold: prints this run's macro-F1 "
                    + "minus that one's, with its 95%% interval over paired draws of the articles")
    Path compareWith;

    @Override
    public Integer call() throws IOException {
        if (draws < 0) {
            throw new IllegalArgumentException("--draws must be 0 or more, not " + draws);
        }
        List<SentimentEvaluation.Pair> baseline = compareWith == null ? null : pairsOf(compareWith);
        List<RawArticle> raw = readArticles(articles);
        Gold labels = Gold.read(gold);
        SentimentModel sentimentModel = SentimentModels.forOption(model, modelWeight);
        ArticleTagging tagging;
        List<String> factions;
        if (oracle) {
            OracleTagging oracleTagging = OracleTagging.fromCatalogue(labels,
                    catalogue != null ? catalogue : gold.toAbsolutePath().getParent().resolve("catalogue.json"));
            tagging = oracleTagging;
            factions = oracleTagging.factions();
        } else {
            StoryDefinition story = Stories.defaultStory();
            tagging = streamTagging(story);
            factions = story.factions().stream().map(Faction::id).sorted().toList();
        }
        ArticleScorer scorer = new ArticleScorer(sentimentModel, factions);
        SentimentEvaluation.Report report = SentimentEvaluation.run(raw, labels, tagging, scorer);
        print(report);
        ArticleBootstrap.Interval interval = null;
        if (draws > 0) {
            interval = ArticleBootstrap.macroF1(report.pairDetails(), draws, ArticleBootstrap.DEFAULT_SEED);
            System.out.printf("target macro-F1 95%% interval, the articles drawn again %d times: %.4f to %.4f%n",
                    draws, interval.low(), interval.high());
        }
        ArticleBootstrap.Difference difference = null;
        if (baseline != null && draws > 0) {
            difference = ArticleBootstrap.macroF1Difference(baseline,
                    report.pairDetails(), draws, ArticleBootstrap.DEFAULT_SEED);
            System.out.printf("against %s: macro-F1 %+.4f (95%% interval %+.4f to %+.4f over %d paired draws of %d "
                    + "articles); higher in %.1f%% of the draws%n", compareWith, difference.observed(),
                    difference.low(), difference.high(), difference.draws(), difference.articles(),
                    100 * difference.shareAbove());
        }
        if (timing) {
            OracleTagging whole = OracleTagging.fromCatalogue(labels,
                    catalogue != null ? catalogue : gold.toAbsolutePath().getParent().resolve("catalogue.json"));
            ScoringCost.Result cost = ScoringCost.measure(raw, whole, scorer, timingRounds);
            System.out.printf("per whole article (%d articles, fastest of %d runs): plain HanLP segmentation "
                    + "%.2f ms, scoring %.2f ms, scoring/segmentation %.1f%%; %.1f sentences with a target per article, "
                    + "scoring %.2f ms per such sentence; scoring CPU (all threads, least of the runs) %.2f ms per "
                    + "article, %.2f ms per such sentence%n", cost.articles(), cost.rounds(),
                    cost.segmentMillisPerArticle(), cost.scoreMillisPerArticle(), 100 * cost.ratio(),
                    cost.targetSentencesPerArticle(), cost.scoreMillisPerTargetSentence(),
                    cost.scoreCpuMillisPerArticle(), cost.scoreCpuMillisPerTargetSentence());
        }
        if (json != null) {
            ObjectNode tree = Json.mapper().valueToTree(report);
            if (interval != null) {
                tree.set("macroF1Interval", Json.mapper().valueToTree(interval));
            }
            if (difference != null) {
                ObjectNode comparison = Json.mapper().valueToTree(difference);
                comparison.put("report", compareWith.toString());
                tree.set("comparedWith", comparison);
            }
            Files.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        }
        return 0;
    }

    /** The stream's own normalise, segment and tag code, so the evaluation measures what the pipeline writes. */
    static ArticleTagging streamTagging(StoryDefinition story) {
        ArticleAnalyzer analyzer = ArticleAnalyzer.forStory(story, SentimentModels.rulesOnly());
        return article -> analyzer.tagged(Json.toBytes(article));
    }

    /** The gold pairs of a report written with --json. */
    static List<SentimentEvaluation.Pair> pairsOf(Path report) throws IOException {
        JsonNode pairs = Json.mapper().readTree(report.toFile()).get("pairDetails");
        if (pairs == null || !pairs.isArray()) {
            throw new IllegalArgumentException(report + " is not a report written by evaluate sentiment --json "
                    + "(no pairDetails)");
        }
        List<SentimentEvaluation.Pair> out = new ArrayList<>();
        for (JsonNode pair : pairs) {
            out.add(Json.mapper().treeToValue(pair, SentimentEvaluation.Pair.class));
        }
        return out;
    }

    static List<RawArticle> readArticles(Path path) throws IOException {
        List<RawArticle> result = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            if (!line.isBlank()) {
                result.add(Json.fromString(line, RawArticle.class));
            }
        }
        return result;
    }

    private static void print(SentimentEvaluation.Report report) {
        System.out.printf("sentiment model: %s%n", report.sentimentVersion());
        System.out.printf("target pairs: %d (targets not found: %d, sentences not found: %d)%n", report.pairs(),
                report.targetsNotFound(), report.sentencesNotFound());
        System.out.printf("target macro-F1 (pos/neg/neu): %.4f%n", report.macroF1());
        report.labels().forEach((label, s) -> System.out.printf("  %-4s P %.3f  R %.3f  F1 %.3f  (gold %d)%n", label,
                s.precision(), s.recall(), s.f1(), s.support()));
        System.out.println("confusion (rows gold, columns predicted):");
        System.out.printf("  %-6s %6s %6s %6s %8s%n", "", "pos", "neg", "neu", "missing");
        for (Map.Entry<String, Map<String, Integer>> row : report.confusion().entrySet()) {
            System.out.printf("  %-6s %6d %6d %6d %8d%n", row.getKey(), row.getValue().get("pos"),
                    row.getValue().get("neg"), row.getValue().get("neu"), row.getValue().get("missing"));
        }
        System.out.printf("faction label accuracy: %.4f over %d article labels (from the gold sentences and the "
                + "headline, as annotated)%n", report.factionAccuracy(), report.factionLabels());
        report.factionConfusion().forEach((gold, row) -> System.out.printf("  gold %-7s -> %s%n", gold, row));
        System.out.printf("faction label accuracy from every sentence of the article (as the stream writes it): "
                + "%.4f%n", report.factionAccuracyWholeArticle());
        report.factionConfusionWholeArticle().forEach((gold, row) ->
                System.out.printf("  gold %-7s -> %s%n", gold, row));
        System.out.printf("scoring time: %.1f ms total%n", report.scoringMillis());
    }
}
