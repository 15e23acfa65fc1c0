package io.storywatch.runtime;

import io.storywatch.runtime.ArticleFiles.RawRecord;
import io.storywatch.topic.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends raw records to news.articles.raw with an idempotent, acks=all producer and counts what the broker took,
 * so a feeder knows exactly how many records were sent and how many failed.
 */
public final class ArticleFeeder implements AutoCloseable {

    /** The largest record the feeder sends: oversized articles must reach ingest to be rejected with a reason. */
    public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    private static final int FAILURES_KEPT = 20;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    public ArticleFeeder(String bootstrapServers) {
        this(bootstrapServers, Topics.RAW.name());
    }

    public ArticleFeeder(String bootstrapServers, String topic) {
        this(new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer()),
                topic);
    }

    ArticleFeeder(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static Properties producerConfig(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "storywatch-feed");
        return props;
    }

    /** Sends one record asynchronously; the counters move when the broker answers. */
    public void send(RawRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
                bytesDone.addAndGet(record.sourceBytes());
                if (error == null) {
                    sent.incrementAndGet();
                } else {
                    fail(record, error);
                }
            });
        } catch (RuntimeException e) {
            // e.g. a record larger than max.request.size is refused before it is queued
            bytesDone.addAndGet(record.sourceBytes());
            fail(record, e);
        }
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Source bytes of the records answered so far, for progress. */
    public long bytesDone() {
        return bytesDone.get();
    }

    /** The first failures, as "origin: reason". */
    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private void fail(RawRecord record, Exception error) {
        failed.incrementAndGet();
        synchronized (failures) {
            if (failures.size() < FAILURES_KEPT) {
                failures.add(record.origin() + ": " + error.getMessage());
            }
        }
    }
}
