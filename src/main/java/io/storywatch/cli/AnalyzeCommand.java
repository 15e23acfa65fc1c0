package io.storywatch.cli;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.json.Json;
import io.storywatch.stage.score.SentimentModel;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Analyses articles offline, without Kafka, with the very objects the stages use. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse RawArticle JSONL offline (no Kafka): one analysis object per article, as the score "
                + "stage writes it to news.articles.scored.",
                "A line ingest would reject is reported on stderr with its reason and skipped; exit code 2 then."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--story", paramLabel = "FILE", description = "Story definition; default: the bundled one.")
    Path story;

    @Option(names = "--input", paramLabel = "FILE|-", defaultValue = "-",
            description = "RawArticle JSONL, one article a line; - for stdin (default).")
    String input;

    @Option(names = "--output", paramLabel = "FILE|-", defaultValue = "-",
            description = "Where the analysis objects go, one JSON line each; - for stdout (default).")
    String output;

    @Option(names = {"--sentiment", "--model"}, paramLabel = "encoder|rules|linear|FILE",
            description = "The target-sentiment model: " + SentimentModels.OPTION_HELP + ".")
    String model;

    @Option(names = "--rules-only", description = "Score with the lexicon rules alone (same as --sentiment rules).")
    boolean rulesOnly;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        StoryDefinition definition = story == null ? Stories.defaultStory() : Stories.load(story);
        SentimentModel sentiment = SentimentModels.forOption(rulesOnly ? SentimentModels.RULES : model,
                SentimentModels.DEFAULT_MODEL_WEIGHT);
        ArticleAnalyzer analyzer = ArticleAnalyzer.forStory(definition, sentiment);
        int analysed = 0;
        int rejected = 0;
        int lineNumber = 0;
        try (BufferedReader in = reader(); BufferedWriter out = writer()) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                ArticleAnalyzer.Outcome outcome = analyzer.analyze(line.getBytes(StandardCharsets.UTF_8));
                if (outcome instanceof ArticleAnalyzer.Analysed analysed1) {
                    out.write(Json.toString(analysed1.analysis()));
                    out.newLine();
                    analysed++;
                } else if (outcome instanceof ArticleAnalyzer.Rejected refused) {
                    err.printf("line %d rejected: %s %s%n", lineNumber, refused.rejection().code(),
                            refused.rejection().message());
                    rejected++;
                }
            }
        }
        err.printf("analysed=%d rejected=%d%n", analysed, rejected);
        return rejected == 0 ? 0 : 2;
    }

    private BufferedReader reader() throws IOException {
        return "-".equals(input)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }

    private BufferedWriter writer() throws IOException {
        return "-".equals(output)
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
    }
}
