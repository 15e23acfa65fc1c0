package io.storywatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.eval.ArticleBootstrap;
import io.storywatch.eval.SentimentEvaluation;
import io.storywatch.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Compares two saved {@code evaluate sentiment --json} reports on the same gold, without scoring again: each one's
 * macro-F1 with its interval, and their difference over paired draws of the articles.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Target macro-F1 of two reports written by evaluate sentiment --json on the same gold, each "
                + "with its 95%% interval, and the candidate's difference from the baseline over paired draws of "
                + "the articles.")
public final class EvaluateCompareCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, paramLabel = "REPORT", description = "the report compared against")
    Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "REPORT", description = "the report of the try")
    Path candidate;

    @Option(names = "--draws", defaultValue = "" + ArticleBootstrap.DEFAULT_DRAWS,
            description = "draws of the articles with replacement (default ${DEFAULT-VALUE})")
    int draws;

    @Option(names = "--json", description = "also write the figures to this file")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (draws < 1) {
            throw new IllegalArgumentException("--draws must be at least 1, not " + draws);
        }
        List<SentimentEvaluation.Pair> before = EvaluateSentimentCommand.pairsOf(baseline);
        List<SentimentEvaluation.Pair> after = EvaluateSentimentCommand.pairsOf(candidate);
        ArticleBootstrap.Difference difference = ArticleBootstrap.macroF1Difference(before, after, draws,
                ArticleBootstrap.DEFAULT_SEED);
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("baseline", describe("baseline", baseline, before));
        out.set("candidate", describe("candidate", candidate, after));
        out.set("difference", Json.mapper().valueToTree(difference));
        System.out.printf("candidate - baseline: macro-F1 %+.4f, 95%% interval %+.4f to %+.4f over %d paired draws of "
                        + "%d articles (%d pairs); higher in %.1f%% of the draws%n", difference.observed(),
                difference.low(), difference.high(), difference.draws(), difference.articles(), difference.pairs(),
                100 * difference.shareAbove());
        if (json != null) {
            Files.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
        }
        return 0;
    }

    private ObjectNode describe(String role, Path report, List<SentimentEvaluation.Pair> pairs) throws IOException {
        String version = Json.mapper().readTree(report.toFile()).path("sentimentVersion").asText("?");
        double macroF1 = SentimentEvaluation.macroF1(pairs);
        ArticleBootstrap.Interval interval = ArticleBootstrap.macroF1(pairs, draws, ArticleBootstrap.DEFAULT_SEED);
        System.out.printf("%-9s %s (%s): macro-F1 %.4f, 95%% interval %.4f to %.4f%n", role, report, version, macroF1,
                interval.low(), interval.high());
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("report", report.toString());
        node.put("sentimentVersion", version);
        node.put("macroF1", macroF1);
        node.set("macroF1Interval", Json.mapper().valueToTree(interval));
        return node;
    }
}
