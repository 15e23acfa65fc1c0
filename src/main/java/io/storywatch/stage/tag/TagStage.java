package io.storywatch.stage.tag;

import io.storywatch.stage.Stage;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTable;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Named;

/**
 * The tag stage: news.articles.segmented to news.articles.tagged, linking mentions to the latest definition of the
 * story on news.stories (a global table, so a published alias is used from the next article on, without restart).
 */
public final class TagStage implements Stage {

    static final String STORIES_STORE = "tag-stories";

    private final StoryDefinition defaultStory;
    private final EntityTagger tagger;

    /** Tags with {@code defaultStory} until a story with its id is published on news.stories. */
    public TagStage(StoryDefinition defaultStory) {
        this(defaultStory, new EntityTagger());
    }

    public TagStage(StoryDefinition defaultStory, EntityTagger tagger) {
        this.defaultStory = defaultStory;
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
        return Map.of("story", defaultStory.label());
    }

    @Override
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, StoryDefinition> stories = StoryTable.global(builder, STORIES_STORE);
        builder.stream(Topics.SEGMENTED.name(), Topics.SEGMENTED.consumed())
                .leftJoin(stories, (id, article) -> defaultStory.id(),
                        (article, story) -> tagger.tag(article, story == null ? defaultStory : story),
                        Named.as("tag-entities"))
                .to(Topics.TAGGED.name(), Topics.TAGGED.produced());
        return builder.build();
    }
}
