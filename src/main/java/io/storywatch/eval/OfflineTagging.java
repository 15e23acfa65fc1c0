package io.storywatch.eval;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.stage.ingest.ArticleCleaner;
import io.storywatch.stage.ingest.TextNormalizer;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.stage.segment.SegmentStage;
import io.storywatch.stage.segment.Segmenter;
import io.storywatch.stage.tag.EntityTagger;
import io.storywatch.story.StoryDefinition;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

/**
 * Runs raw articles through the stream's own ingest cleaning, segmentation and tagging code, timing segmentation
 * and tagging.
 */
final class OfflineTagging {

    /** One article's result and the CPU time each step took on this thread, in nanoseconds. */
    record Tagged(EntitiesTagged article, long segmentNanos, long tagNanos) {
    }

    private static final TextNormalizer NORMALIZER = new TextNormalizer();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final StoryDefinition story;
    private final Segmenter segmenter;
    private final ArticleCleaner cleaner = new ArticleCleaner();
    private final EntityTagger tagger = new EntityTagger();

    OfflineTagging(StoryDefinition story) {
        this.story = story;
        this.segmenter = HanLpSegmenter.forStory(story);
    }

    /** Tags one RawArticle JSON line; null when ingest would reject it. */
    Tagged tag(String rawJson) {
        if (!(cleaner.clean(rawJson.getBytes(StandardCharsets.UTF_8)) instanceof ArticleCleaner.Cleaned cleaned)) {
            return null;
        }
        ArticleCleaned article = cleaned.article();
        // CPU time rather than wall time: other processes on a shared machine do not skew the comparison
        long t0 = THREADS.getCurrentThreadCpuTime();
        ArticleSegmented segmented = SegmentStage.segmented(article, segmenter);
        long t1 = THREADS.getCurrentThreadCpuTime();
        EntitiesTagged tagged = tagger.tag(segmented, story);
        long t2 = THREADS.getCurrentThreadCpuTime();
        return new Tagged(tagged, t1 - t0, t2 - t1);
    }

    /** Ingest's normalisation of a body, applied to gold sentences so they align with the normalised text. */
    static String normalise(String text) {
        return NORMALIZER.normalize(text);
    }
}
