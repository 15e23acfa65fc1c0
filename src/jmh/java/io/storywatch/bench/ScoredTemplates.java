package io.storywatch.bench;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.StoryDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scored records of benchmark articles, analysed offline once, as JSON templates whose id can be replaced: the cost
 * harnesses feed thousands of distinct articles without analysing each.
 */
public final class ScoredTemplates {

    private static final String ID_MARK = "\u0001ID\u0001";

    private final List<String> templates;

    private ScoredTemplates(List<String> templates) {
        this.templates = List.copyOf(templates);
    }

    /** The scored records of {@code articles} benchmark articles of {@code story} (those ingest accepts). */
    public static ScoredTemplates of(StoryDefinition story, String label, int articles) {
        List<BenchArticle> corpus = BenchCorpus.fromSamples(story).articles(label, articles, 20231117,
                Instant.parse("2024-05-20T00:00:00Z"), Duration.ofDays(6), false, List.of());
        ArticleAnalyzer analyzer = ArticleAnalyzer.forStory(story, SentimentModels.loadDefault());
        List<String> templates = new ArrayList<>();
        for (BenchArticle article : corpus) {
            if (analyzer.analyze(article.json()) instanceof ArticleAnalyzer.Analysed analysed) {
                StanceScored scored = analysed.analysis();
                String json = new String(Json.toBytes(scored), StandardCharsets.UTF_8);
                String idField = "\"id\":\"" + scored.id() + "\"";
                if (json.indexOf(idField) < 0 || json.indexOf(idField) != json.lastIndexOf(idField)) {
                    throw new IllegalStateException("cannot find the id of " + scored.id());
                }
                templates.add(json.replace(idField, "\"id\":\"" + ID_MARK + "\""));
            }
        }
        return new ScoredTemplates(templates);
    }

    public int size() {
        return templates.size();
    }

    /** The {@code index}-th record (templates in turn) as the article {@code id}, in UTF-8. */
    public byte[] record(int index, String id) {
        return templates.get(index % templates.size()).replace(ID_MARK, id).getBytes(StandardCharsets.UTF_8);
    }
}
