package io.storywatch.eval;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.RawArticle;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.stage.segment.SegmentStage;
import io.storywatch.stage.segment.Segmenter;
import io.storywatch.stage.tag.EntityTagger;
import io.storywatch.story.StoryDefinition;

/** Runs raw articles through the stream's own normalise, segment and tag code, timing segmentation and tagging. */
final class OfflineTagging {

    /** One article's result and what each step cost, in nanoseconds. */
    record Tagged(EntitiesTagged article, long segmentNanos, long tagNanos) {
    }

    private final StoryDefinition story;
    private final Segmenter segmenter;
    private final EntityTagger tagger = new EntityTagger();

    OfflineTagging(StoryDefinition story) {
        this.story = story;
        this.segmenter = HanLpSegmenter.forStory(story);
    }

    Tagged tag(RawArticle raw) {
        ArticleCleaned cleaned = ArticleNormalizer.clean(raw);
        long t0 = System.nanoTime();
        ArticleSegmented segmented = SegmentStage.segmented(cleaned, segmenter);
        long t1 = System.nanoTime();
        EntitiesTagged tagged = tagger.tag(segmented, story);
        long t2 = System.nanoTime();
        return new Tagged(tagged, t1 - t0, t2 - t1);
    }

    static String normalise(String text) {
        return ArticleNormalizer.normalise(text);
    }
}
