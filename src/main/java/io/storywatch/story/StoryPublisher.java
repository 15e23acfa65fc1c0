package io.storywatch.story;

import io.storywatch.topic.Topics;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes story definitions to news.stories, keyed by story id, where the segment and tag stages pick them up. */
public final class StoryPublisher {

    private StoryPublisher() {
    }

    /** The record that publishes a story: key = story id, value = the validated definition. */
    public static ProducerRecord<String, StoryDefinition> record(StoryDefinition story) {
        if (!Stories.problems(story).isEmpty()) {
            throw new InvalidStoryException(story.label(), Stories.problems(story));
        }
        return new ProducerRecord<>(Topics.STORIES.name(), story.id(), story);
    }

    /**
     * Sends the story and waits for the broker's acknowledgement. The producer must use
     * {@code Topics.STORIES.keySerde().serializer()} and {@code Topics.STORIES.valueSerde().serializer()}.
     */
    public static RecordMetadata publish(Producer<String, StoryDefinition> producer, StoryDefinition story) {
        try {
            return producer.send(record(story)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing story " + story.label(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish story " + story.label(), e.getCause());
        }
    }
}
