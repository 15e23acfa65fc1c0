package io.storywatch.story;

import io.storywatch.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Reads and appends story definitions on news.stories, the log the segment and tag stages follow. */
public final class StoryTopic {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    public StoryTopic(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Validates {@code story} and appends it; the stages use it from their next article on. */
    public RecordMetadata publish(StoryDefinition story) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, StoryDefinition> producer = new KafkaProducer<>(props,
                Topics.STORIES.keySerde().serializer(), Topics.STORIES.valueSerde().serializer())) {
            return StoryPublisher.publish(producer, story);
        }
    }

    /** The latest definition of every story on the topic, by story id (committed records only). */
    public Map<String, StoryDefinition> current() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, StoryDefinition> latest = new HashMap<>();
        try (KafkaConsumer<String, StoryDefinition> consumer = new KafkaConsumer<>(props,
                Topics.STORIES.keySerde().deserializer(), Topics.STORIES.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.STORIES.name(), READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + Topics.STORIES.name() + " to its end within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, StoryDefinition> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return latest;
    }

    /**
     * Makes sure the stages find a definition of {@code story}: publishes it when {@code always} or when the topic
     * has none with its id yet, so that a definition edited on the topic survives a restart of {@code run}.
     *
     * @return the definition the stages will use
     */
    public StoryDefinition ensure(StoryDefinition story, boolean always) {
        Optional<StoryDefinition> published = always ? Optional.empty() : Optional.ofNullable(current().get(story.id()));
        if (published.isPresent()) {
            return published.get();
        }
        publish(story);
        return story;
    }
}
