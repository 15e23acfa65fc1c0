package io.storywatch.web;

import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.ScoredLocation;
import io.storywatch.web.view.ScoredLookup;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads analyses back from news.articles.scored by partition and offset (assign + seek, read_committed, no consumer
 * group), with the few most recently read kept in a small cache: the dashboard's view holds only a digest of each
 * article, and an article's detail or a point's evidence needs its sentences again.
 */
final class ScoredTopicLookup implements ScoredLookup, AutoCloseable {

    /** Analyses kept after a read (~15 KB of objects each): a page's repeated clicks, not the whole topic. */
    static final int CACHED_ANALYSES = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ScoredTopicLookup.class);
    /** The longest one read waits for the broker, whatever the number of records asked for. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Properties props = new Properties();
    private final Map<ScoredLocation, StanceScored> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ScoredLocation, StanceScored> eldest) {
            return size() > CACHED_ANALYSES;
        }
    };
    private KafkaConsumer<String, byte[]> consumer;
    private boolean closed;

    ScoredTopicLookup(String bootstrapServers) {
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-dashboard-lookup");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // one article is wanted per seek: do not fetch megabytes after it (a larger record still comes whole)
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "1048576");
    }

    /** How many analyses the cache holds now: never more than {@link #CACHED_ANALYSES}. */
    synchronized int cached() {
        return cache.size();
    }

    @Override
    public synchronized Map<ScoredLocation, StanceScored> read(Collection<ScoredLocation> locations) {
        Map<ScoredLocation, StanceScored> found = new HashMap<>();
        Map<Integer, TreeSet<Long>> missing = new TreeMap<>();
        for (ScoredLocation location : locations) {
            StanceScored cached = cache.get(location);
            if (cached != null) {
                found.put(location, cached);
            } else {
                missing.computeIfAbsent(location.partition(), p -> new TreeSet<>()).add(location.offset());
            }
        }
        if (missing.isEmpty() || closed) {
            return found;
        }
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try {
            missing.forEach((partition, offsets) -> readPartition(partition, offsets, found, deadline));
        } catch (KafkaException e) {
            LOG.warn("cannot read analyses back from {}: {}", Topics.SCORED.name(), e.toString());
            closeConsumer();
        }
        return found;
    }

    /** Seeks to each wanted offset in turn; records fetched past one are used for the next when they are wanted. */
    private void readPartition(int partition, TreeSet<Long> offsets, Map<ScoredLocation, StanceScored> found,
                               long deadline) {
        TopicPartition tp = new TopicPartition(Topics.SCORED.name(), partition);
        KafkaConsumer<String, byte[]> consumer = consumer();
        consumer.assign(List.of(tp));
        Set<Long> wanted = new TreeSet<>(offsets);
        for (long offset : offsets) {
            if (!wanted.contains(offset)) {
                continue;
            }
            consumer.seek(tp, offset);
            boolean passed = false;
            while (!passed && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                } catch (InvalidOffsetException gone) {
                    break; // below the log start: deleted, as a compacted-away record is
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.offset() >= offset) {
                        passed = true;
                    }
                    if (wanted.remove(record.offset()) && record.value() != null) {
                        ScoredLocation location = new ScoredLocation(partition, record.offset());
                        try {
                            StanceScored analysis = Json.fromBytes(record.value(), StanceScored.class);
                            cache.put(location, analysis);
                            found.put(location, analysis);
                        } catch (RuntimeException unreadable) {
                            LOG.warn("unreadable record {}-{}@{}", tp.topic(), partition, record.offset());
                        }
                    }
                }
                // compaction may have removed the record: the position then moves past it without returning it
                passed |= consumer.position(tp) > offset;
            }
            wanted.remove(offset);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    private void closeConsumer() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofMillis(500));
            } catch (RuntimeException e) {
                LOG.debug("closing the lookup consumer", e);
            }
            consumer = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeConsumer();
        cache.clear();
    }
}
