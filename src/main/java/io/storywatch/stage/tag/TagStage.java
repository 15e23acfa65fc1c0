package io.storywatch.stage.tag;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.stage.Stage;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryKeys;
import io.storywatch.story.StoryTable;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Named;

/**
 * The tag stage: news.articles.segmented to news.articles.tagged, linking mentions to the latest definition of each
 * story followed on news.stories (a global table, so a published alias is used from the next article on, without
 * restart). An article gets one tagged record for every story it is relevant to; one relevant to none gets the main
 * story's record (the first story's), marked not relevant, as a run following one story writes it. Keys follow
 * {@link StoryKeys}: the article id for the main story, {@code STORY/ARTICLE} for the others.
 */
public final class TagStage implements Stage {

    static final String STORIES_STORE = "tag-stories";

    private final List<StoryDefinition> defaultStories;
    private final EntityTagger tagger;

    /** Tags with {@code defaultStory} until a story with its id is published on news.stories. */
    public TagStage(StoryDefinition defaultStory) {
        this(List.of(defaultStory), new EntityTagger());
    }

    public TagStage(StoryDefinition defaultStory, EntityTagger tagger) {
        this(List.of(defaultStory), tagger);
    }

    /** Tags for each of {@code defaultStories} (the main story first), each followed on news.stories by its id. */
    public TagStage(List<StoryDefinition> defaultStories) {
        this(defaultStories, new EntityTagger());
    }

    public TagStage(List<StoryDefinition> defaultStories, EntityTagger tagger) {
        if (defaultStories.isEmpty()) {
            throw new IllegalArgumentException("the tag stage needs a story to follow");
        }
        this.defaultStories = List.copyOf(defaultStories);
        this.tagger = tagger;
    }

    @Override
    public String name() {
        return "tag";
    }

    @Override
    public Topic<?, ?> input() {
        return Topics.SEGMENTED;
    }

    @Override
    public List<Topic<?, ?>> outputs() {
        return List.of(Topics.TAGGED);
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("story", String.join("+", defaultStories.stream().map(StoryDefinition::label).toList()));
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, StoryDefinition> stories = StoryTable.global(builder, STORIES_STORE);
        StoryTable.follow(builder.stream(Topics.SEGMENTED.name(), Topics.SEGMENTED.consumed()), stories,
                        defaultStories, "tag-follow")
                .flatMap((key, followed) -> tagged(key, followed.value(), followed.stories()),
                        Named.as("tag-entities"))
                .to(Topics.TAGGED.name(), Topics.TAGGED.produced());
        return builder.build();
    }

    /** The article's tagged record for each story it is relevant to, else the main story's; keyed per story. */
    List<KeyValue<String, EntitiesTagged>> tagged(String key, ArticleSegmented article,
                                                  List<StoryDefinition> stories) {
        List<KeyValue<String, EntitiesTagged>> relevant = new ArrayList<>();
        EntitiesTagged main = null;
        for (int i = 0; i < stories.size(); i++) {
            EntitiesTagged tagged = tagger.tag(article, stories.get(i));
            if (i == 0) {
                main = tagged;
            }
            if (tagged.relevant()) {
                relevant.add(KeyValue.pair(StoryKeys.articleKey(key, stories.get(i).id(), i == 0), tagged));
            }
        }
        return relevant.isEmpty() ? List.of(KeyValue.pair(key, main)) : relevant;
    }
}
