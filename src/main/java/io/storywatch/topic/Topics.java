package io.storywatch.topic;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleRejected;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.StanceScored;
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

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return List.of(RAW, REJECTED, CLEAN, SEGMENTED, TAGGED, SCORED, FACTION_SENTIMENT, ENTITY_SENTIMENT,
                STORIES);
    }
}
