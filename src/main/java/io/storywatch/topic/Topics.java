package io.storywatch.topic;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleFailed;
import io.storywatch.event.ArticleMissedWindow;
import io.storywatch.event.ArticleRejected;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.json.JsonSerde;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StorySerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic the pipeline reads or writes. Each is described in full (partitions, retention, contract, writer) by
 * {@code topics/NAME.json}; a test keeps this list and that folder in step.
 */
public final class Topics {

    /** Raw bytes on purpose: ingest must see exactly what producers sent, valid or not. */
    public static final Topic<String, byte[]> RAW =
            new Topic<>("news.articles.raw", Serdes.String(), Serdes.ByteArray());
    public static final Topic<String, ArticleRejected> REJECTED =
            new Topic<>("news.articles.rejected", Serdes.String(), JsonSerde.of(ArticleRejected.class));
    public static final Topic<String, ArticleCleaned> CLEAN =
            new Topic<>("news.articles.clean", Serdes.String(), JsonSerde.of(ArticleCleaned.class));
    public static final Topic<String, ArticleSegmented> SEGMENTED =
            new Topic<>("news.articles.segmented", Serdes.String(), JsonSerde.of(ArticleSegmented.class));
    public static final Topic<String, EntitiesTagged> TAGGED =
            new Topic<>("news.articles.tagged", Serdes.String(), JsonSerde.of(EntitiesTagged.class));
    /** Compacted: the latest definition of each story, read as a global table by segment and tag. */
    public static final Topic<String, StoryDefinition> STORIES =
            new Topic<>("news.stories", Serdes.String(), StorySerde.lenient());
    public static final Topic<String, StanceScored> SCORED =
            new Topic<>("news.articles.scored", Serdes.String(), JsonSerde.of(StanceScored.class));
    public static final Topic<String, FactionSentimentWindow> FACTION_SENTIMENT =
            new Topic<>("news.faction-sentiment", Serdes.String(), JsonSerde.of(FactionSentimentWindow.class));
    public static final Topic<String, EntitySentimentWindow> ENTITY_SENTIMENT =
            new Topic<>("news.entity-sentiment", Serdes.String(), JsonSerde.of(EntitySentimentWindow.class));
    /** Articles the windows did not count (too late, or future-dated), with the reason. */
    public static final Topic<String, ArticleMissedWindow> LATE =
            new Topic<>("news.articles.late", Serdes.String(), JsonSerde.of(ArticleMissedWindow.class));
    public static final Topic<String, StoryCoverage> STORY_COVERAGE =
            new Topic<>("news.story-coverage", Serdes.String(), JsonSerde.of(StoryCoverage.class));
    public static final Topic<String, FactionShiftDetected> FACTION_ALERTS =
            new Topic<>("news.faction-alerts", Serdes.String(), JsonSerde.of(FactionShiftDetected.class));
    /** Analysts' corrections of machine labels, keyed by article id; the score stage applies them. */
    public static final Topic<String, CorrectionMade> CORRECTIONS =
            new Topic<>("news.corrections", Serdes.String(), JsonSerde.of(CorrectionMade.class));
    /** Every stage's dead letters: records it could not read or process, with why and their original bytes. */
    public static final Topic<String, ArticleFailed> FAILED =
            new Topic<>("news.articles.failed", Serdes.String(), JsonSerde.of(ArticleFailed.class));

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return List.of(RAW, REJECTED, CLEAN, SEGMENTED, TAGGED, SCORED, FACTION_SENTIMENT, ENTITY_SENTIMENT,
                STORIES, LATE, STORY_COVERAGE, FACTION_ALERTS, FAILED, CORRECTIONS);
    }
}
