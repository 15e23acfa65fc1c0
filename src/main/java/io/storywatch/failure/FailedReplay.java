package io.storywatch.failure;

import io.storywatch.event.ArticleFailed;
import io.storywatch.json.Json;
import io.storywatch.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-drives one stage's dead letters from news.articles.failed to the stage's input topic, each dead letter once:
 * the copies and how far it has read are committed in one transaction, under a consumer group of its own.
 */
public final class FailedReplay {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    /** What one replay did; {@code skipped} says why each dead letter it could not re-drive was left. */
    public record Result(long replayed, List<String> skipped) {
    }

    private final String bootstrapServers;

    public FailedReplay(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The group whose committed offsets on news.articles.failed mark what was re-drived for a stage. */
    public static String groupId(String stage) {
        return "storywatch-failed-replay-" + stage;
    }

    /** Re-drives the stage's dead letters written since its last replay, up to the end of the topic as it is now. */
    public Result replay(String stage, String inputTopic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(stage),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(stage),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FAILED.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata at = committed.get(partition);
                if (at == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, at.offset());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            producer.initTransactions();
            producer.beginTransaction();
            long replayed = 0;
            List<String> skipped = new ArrayList<>();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    producer.abortTransaction();
                    throw new IllegalStateException("news.articles.failed not read to its end within " + timeout
                            + "; nothing was re-driven");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    String skip = redrive(record, stage, inputTopic, producer);
                    if (skip == null) {
                        replayed++;
                    } else if (!skip.isEmpty()) {
                        skipped.add(skip);
                    }
                }
            }
            Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>();
            partitions.forEach(p -> read.put(p, new OffsetAndMetadata(consumer.position(p))));
            producer.sendOffsetsToTransaction(read, new ConsumerGroupMetadata(groupId(stage)));
            producer.commitTransaction();
            return new Result(replayed, skipped);
        }
    }

    /** Sends one dead letter's original back; null when sent, empty when not the stage's, else why it was left. */
    private static String redrive(ConsumerRecord<byte[], byte[]> record, String stage, String inputTopic,
                                  KafkaProducer<byte[], byte[]> producer) {
        ArticleFailed failed;
        try {
            failed = Json.fromBytes(record.value(), ArticleFailed.class);
        } catch (RuntimeException unreadable) {
            return "";
        }
        if (!stage.equals(failed.stage())) {
            return "";
        }
        String where = failed.sourceTopic() + "-" + failed.sourcePartition() + "@" + failed.sourceOffset();
        if (!inputTopic.equals(failed.sourceTopic())) {
            return where + ": failed inside the stage, on its internal topic (reset the stage to replay it)";
        }
        if (failed.valueOmitted() || failed.valueBase64() == null) {
            return where + ": the dead letter does not hold the value (" + failed.valueSize()
                    + " bytes); it is still at its source offset";
        }
        byte[] key = failed.keyBase64() == null ? null : Base64.getDecoder().decode(failed.keyBase64());
        Long timestamp = failed.sourceTimestamp() >= 0 ? failed.sourceTimestamp() : null;
        producer.send(new ProducerRecord<>(inputTopic, null, timestamp, key,
                Base64.getDecoder().decode(failed.valueBase64())));
        return null;
    }

    private Properties consumerConfig(String stage) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(stage));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(stage));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    private Properties producerConfig(String stage) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId(stage));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, groupId(stage));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }
}
