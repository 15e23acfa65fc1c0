package io.storywatch.stage.segment;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.stage.Stage;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTable;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Named;

/**
 * The segment stage: news.articles.clean to news.articles.segmented, with the names of every story followed in the
 * segmenter's dictionary (their current definitions on news.stories) so that no known name is cut apart.
 */
public final class SegmentStage implements Stage {

    static final String STORIES_STORE = "segment-stories";

    private final List<StoryDefinition> defaultStories;
    private final Function<List<StoryDefinition>, Segmenter> segmenterFactory;
    private final Map<String, Segmenter> segmenters = new ConcurrentHashMap<>();

    /** Segments with HanLP and the story's names; {@code defaultStory} until its id is published on news.stories. */
    public SegmentStage(StoryDefinition defaultStory) {
        this(defaultStory, HanLpSegmenter::forStory);
    }

    public SegmentStage(StoryDefinition defaultStory, Function<StoryDefinition, Segmenter> segmenterFactory) {
        this(List.of(defaultStory), stories -> segmenterFactory.apply(stories.get(0)));
    }

    /**
     * Segments with the names of all {@code defaultStories} (the stories a run follows, the main one first), each
     * replaced by its definition on news.stories once one is published.
     */
    public SegmentStage(List<StoryDefinition> defaultStories) {
        this(defaultStories, HanLpSegmenter::forStories);
    }

    public SegmentStage(List<StoryDefinition> defaultStories,
                        Function<List<StoryDefinition>, Segmenter> segmenterFactory) {
        if (defaultStories.isEmpty()) {
            throw new IllegalArgumentException("the segment stage needs a story to follow");
        }
        this.defaultStories = List.copyOf(defaultStories);
        this.segmenterFactory = segmenterFactory;
        // HanLP loads its dictionaries in seconds: pay that when the stage is built, not on the first article
        segmenterFor(this.defaultStories);
    }

    @Override
    public String name() {
        return "segment";
    }

    @Override
    public Topic<?, ?> input() {
        return Topics.CLEAN;
    }

    @Override
    public List<Topic<?, ?>> outputs() {
        return List.of(Topics.SEGMENTED);
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, StoryDefinition> stories = StoryTable.global(builder, STORIES_STORE);
        StoryTable.follow(builder.stream(Topics.CLEAN.name(), Topics.CLEAN.consumed()), stories, defaultStories,
                        "segment-follow")
                .mapValues(followed -> segmented(followed.value(), segmenterFor(followed.stories())),
                        Named.as("segment-articles"))
                .to(Topics.SEGMENTED.name(), Topics.SEGMENTED.produced());
        return builder.build();
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("segmenter", segmenterFor(defaultStories).version(), "story",
                String.join("+", defaultStories.stream().map(StoryDefinition::label).toList()));
    }

    private Segmenter segmenterFor(List<StoryDefinition> stories) {
        return segmenters.computeIfAbsent(String.join("+", stories.stream().map(StoryDefinition::label).toList()),
                labels -> segmenterFactory.apply(stories));
    }

    /** The stage's work on one article, shared with the offline analysis and the evaluation. */
    public static ArticleSegmented segmented(ArticleCleaned article, Segmenter segmenter) {
        String text = article.text() == null ? "" : article.text();
        return new ArticleSegmented(ArticleSegmented.SCHEMA_VERSION, article.id(), article.title(), text,
                article.publishedAt(), article.source(), article.url(), article.language(), article.contentHash(),
                article.duplicateOf(), segmenter.segment(text), Map.of("segmenter", segmenter.version()));
    }
}
