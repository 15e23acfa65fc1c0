package io.storywatch.analysis;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.StanceScored;
import io.storywatch.stage.ingest.ArticleCleaner;
import io.storywatch.stage.ingest.Rejection;
import io.storywatch.stage.score.ArticleScorer;
import io.storywatch.stage.score.SentimentModel;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.stage.segment.SegmentStage;
import io.storywatch.stage.segment.Segmenter;
import io.storywatch.stage.tag.EntityTagger;
import io.storywatch.story.Faction;
import io.storywatch.story.StoryDefinition;

/**
 * The whole pipeline for one article without Kafka: the same cleaner, segmenter, tagger and scorer objects the
 * stages run, chained, so an article is analysed the same way offline as in the stream.
 */
public final class ArticleAnalyzer {

    private final ArticleCleaner cleaner;
    private final Segmenter segmenter;
    private final EntityTagger tagger;
    private final StoryDefinition story;
    private final ArticleScorer scorer;

    public ArticleAnalyzer(ArticleCleaner cleaner, Segmenter segmenter, EntityTagger tagger, StoryDefinition story,
                           ArticleScorer scorer) {
        this.cleaner = cleaner;
        this.segmenter = segmenter;
        this.tagger = tagger;
        this.story = story;
        this.scorer = scorer;
    }

    /** The stages' default objects for {@code story}, scoring with {@code model}. */
    public static ArticleAnalyzer forStory(StoryDefinition story, SentimentModel model) {
        return new ArticleAnalyzer(new ArticleCleaner(), HanLpSegmenter.forStory(story), new EntityTagger(), story,
                scorerFor(story, model));
    }

    /** The score stage's scorer for a story: the story's factions decide which faction scores an article gets. */
    public static ArticleScorer scorerFor(StoryDefinition story, SentimentModel model) {
        return new ArticleScorer(model, story.factions().stream().map(Faction::id).sorted().toList());
    }

    /** What became of one raw value: its analysis, or why ingest would reject it. */
    public sealed interface Outcome permits Analysed, Rejected {
    }

    public record Analysed(StanceScored analysis) implements Outcome {
    }

    public record Rejected(Rejection rejection) implements Outcome {
    }

    public Outcome analyze(byte[] rawValue) {
        ArticleCleaner.Result cleaned = cleaner.clean(rawValue);
        if (cleaned instanceof ArticleCleaner.Refused refused) {
            return new Rejected(refused.rejection());
        }
        EntitiesTagged tagged = tag(((ArticleCleaner.Cleaned) cleaned).article());
        return new Analysed(scorer.score(tagged));
    }

    /** Cleaning, segmentation and tagging of one raw value, or null when ingest would reject it. */
    public EntitiesTagged tagged(byte[] rawValue) {
        if (cleaner.clean(rawValue) instanceof ArticleCleaner.Cleaned cleaned) {
            return tag(cleaned.article());
        }
        return null;
    }

    private EntitiesTagged tag(io.storywatch.event.ArticleCleaned article) {
        ArticleSegmented segmented = SegmentStage.segmented(article, segmenter);
        return tagger.tag(segmented, story);
    }
}
