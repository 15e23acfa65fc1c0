package io.storywatch.web;

import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.StoryView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link StoryView} from the pipeline's output topics: every partition from its beginning at start, so the
 * view is whole again after a restart, then live; read_committed, so aborted exactly-once writes never show. It
 * uses no consumer group: nothing is committed and nothing is left behind on the cluster.
 *
 * <p>It also reads news.articles.raw, from its end and for record timestamps only, to measure end-to-end lag of
 * the articles fed while it runs. Topics that do not exist yet (e.g. news.faction-alerts before issue 5) are picked
 * up when they appear.
 */
public final class OutputTopicReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputTopicReader.class);
    private static final Duration TOPIC_REFRESH = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AutoCloseable clientMetrics;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
    private final OutputRecords records;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private OutputTopicReader(String bootstrapServers, StoryViews views, PipelineMetrics metrics, Clock clock) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-dashboard");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.records = new OutputRecords(views, metrics, clock, this::isCaughtUp);
        this.clientMetrics = metrics.bindClient("dashboard", consumer);
        this.thread = new Thread(this::loop, "storywatch-dashboard-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading into the view at once; {@link #awaitCaughtUp} tells when the view holds what was there. */
    public static OutputTopicReader start(String bootstrapServers, StoryView view, PipelineMetrics metrics) {
        return start(bootstrapServers, StoryViews.single(StoryInfo.defaultStory(), view), metrics);
    }

    /** Starts reading each story's records into its view. */
    public static OutputTopicReader start(String bootstrapServers, StoryViews views, PipelineMetrics metrics) {
        OutputTopicReader reader = new OutputTopicReader(bootstrapServers, views, metrics, Clock.systemUTC());
        reader.thread.start();
        return reader;
    }

    /** True once every output partition found at start has been read up to its end offset of that moment. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Why the reader stopped, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            clientMetrics.close();
        } catch (Exception e) {
            LOG.debug("closing dashboard consumer metrics", e);
        }
    }

    static List<String> outputTopics() {
        return List.of(Topics.SCORED.name(), Topics.FACTION_SENTIMENT.name(), Topics.ENTITY_SENTIMENT.name(),
                Topics.REJECTED.name(), OutputRecords.FACTION_ALERTS, OutputRecords.STORY_COVERAGE,
                OutputRecords.LATE, Topics.FAILED.name());
    }

    private void loop() {
        try {
            long nextRefresh = 0;
            while (running) {
                if (System.currentTimeMillis() >= nextRefresh) {
                    try {
                        refreshAssignment();
                    } catch (TimeoutException e) {
                        LOG.warn("dashboard cannot list Kafka topics yet ({}); retrying", e.getMessage());
                    }
                    nextRefresh = System.currentTimeMillis() + TOPIC_REFRESH.toMillis();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    records.apply(record);
                }
                checkCaughtUp();
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("dashboard reader stopped", e);
        } finally {
            // no group, nothing committed: nothing to wait for on the way out
            consumer.close(Duration.ofMillis(500));
        }
    }

    /** Assigns partitions of output topics that appeared since the last look: from the beginning (raw: end). */
    private void refreshAssignment() {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> added = new ArrayList<>();
        List<String> wanted = new ArrayList<>(outputTopics());
        wanted.add(Topics.RAW.name());
        for (String topic : wanted) {
            for (PartitionInfo partition : topics.getOrDefault(topic, List.of())) {
                TopicPartition tp = new TopicPartition(topic, partition.partition());
                if (assigned.add(tp)) {
                    added.add(tp);
                }
            }
        }
        if (assigned.isEmpty()) {
            caughtUp.countDown();
        }
        if (added.isEmpty()) {
            return;
        }
        consumer.assign(assigned);
        List<TopicPartition> fromStart = added.stream().filter(tp -> !tp.topic().equals(Topics.RAW.name())).toList();
        consumer.seekToBeginning(fromStart);
        consumer.seekToEnd(added.stream().filter(tp -> tp.topic().equals(Topics.RAW.name())).toList());
        if (!isCaughtUp()) {
            consumer.endOffsets(fromStart).forEach((tp, end) -> {
                if (end > 0) {
                    catchUpTargets.put(tp, end);
                }
            });
        }
    }

    private void checkCaughtUp() {
        if (isCaughtUp()) {
            return;
        }
        // read_committed positions can stop short of the end offset only at transaction markers: position() skips them
        catchUpTargets.entrySet().removeIf(target -> consumer.position(target.getKey()) >= target.getValue());
        if (catchUpTargets.isEmpty()) {
            caughtUp.countDown();
        }
    }
}
