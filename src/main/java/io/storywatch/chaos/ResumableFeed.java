package io.storywatch.chaos;

import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds chaos records to news.articles.raw so that each lands there exactly once although the broker may be killed
 * at any moment: records go in small transactions under one transactional id, each with its sequence number in the
 * {@value #SEQ_HEADER} header. After a crash the next feed fences the old producer (its open transaction is aborted),
 * reads which sequence numbers the raw topic holds committed and sends only the others.
 */
public final class ResumableFeed implements AutoCloseable {

    public static final String SEQ_HEADER = "storywatch.chaos.seq";
    private static final String TRANSACTIONAL_ID = "storywatch-chaos-feed";
    private static final int TRANSACTION_RECORDS = 10;

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong committed = new AtomicLong();

    public ResumableFeed(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // hostile records go beyond the topic's 4 MiB on purpose; compressed they fit the broker's limit
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 96L * 1024 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "storywatch-chaos-feed");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /**
     * The sequence numbers news.articles.raw holds in committed records, once no transaction on it is open: a commit
     * the broker took just before it went down is completed after its restart, and its records must count as sent.
     */
    public static Set<Long> committedSeqs(String bootstrapServers) throws InterruptedException {
        awaitNoOpenTransaction(bootstrapServers);
        Set<Long> seqs = new HashSet<>();
        for (TopicRecords.Rec rec : TopicRecords.read(bootstrapServers, Topics.RAW.name())) {
            String seq = rec.headers().get(SEQ_HEADER);
            if (seq != null) {
                seqs.add(Long.parseLong(seq));
            }
        }
        return seqs;
    }

    /** Waits (two minutes at most) until the raw topic's last stable offsets reach its high watermarks. */
    private static void awaitNoOpenTransaction(String bootstrapServers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> stable = endOffsets(bootstrapServers, "read_committed");
            if (stable.equals(endOffsets(bootstrapServers, "read_uncommitted"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("a transaction on " + Topics.RAW.name() + " is still open after two minutes");
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrapServers, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW.name(), Duration.ofSeconds(60))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(60));
        }
    }

    /**
     * Sends {@code records} in order, {@code perSecond} at most, in transactions of a few records, until all are
     * committed or {@code stop} says so; returns how many were committed. Throws when the broker fails (e.g. killed).
     */
    public int feed(List<ChaosRecord> records, double perSecond, BooleanSupplier stop) throws InterruptedException {
        long start = System.nanoTime();
        int done = 0;
        while (done < records.size() && !stop.getAsBoolean()) {
            List<ChaosRecord> batch = records.subList(done, Math.min(records.size(), done + TRANSACTION_RECORDS));
            long due = start + (long) (done / perSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            producer.beginTransaction();
            for (ChaosRecord record : batch) {
                ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.RAW.name(), record.key(),
                        record.value());
                out.headers().add(SEQ_HEADER, Long.toString(record.seq()).getBytes(StandardCharsets.UTF_8));
                producer.send(out);
            }
            producer.commitTransaction();
            done += batch.size();
            committed.addAndGet(batch.size());
        }
        return done;
    }

    public long committed() {
        return committed.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
