package io.storywatch.bench;

import io.storywatch.stage.aggregate.AggregateSettings;
import io.storywatch.stage.aggregate.AggregateStage;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The aggregate stage's own cost per article, without a broker: its whole topology (default settings, RocksDB stores)
 * in a topology test driver, fed benchmark articles scored offline, with one publish tick (50 ms) of wall-clock time
 * passing after every {@code perInterval} articles (at 80 articles a second, 4). Prints the
 * CPU time of this thread per article (reading the scored JSON, windows, stores, writing the output records as JSON;
 * not the broker's or the producer's share, which {@code scripts/bench} includes) and the window records per article.
 * The driver commits after every record, so store caching saves nothing here. Run with
 * {@code scripts/aggregate-cost [WARM_UP] [ARTICLES] [PER_INTERVAL]}.
 */
public final class AggregateCost {

    private static final List<Topic<String, ?>> WINDOW_TOPICS = List.of(Topics.FACTION_SENTIMENT,
            Topics.ENTITY_SENTIMENT, Topics.STORY_COVERAGE);
    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int perInterval = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        StoryDefinition story = Stories.defaultStory();
        ScoredTemplates templates = ScoredTemplates.of(story, "agg-cost", 400);
        System.out.printf("%d scored templates; %d warm-up and %d measured articles, a publish tick (50 ms) every %d%n",
                templates.size(), warmUp, measured, perInterval);

        Path stateDir = Files.createTempDirectory("aggregate-cost-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-cost");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (TopologyTestDriver driver = new TopologyTestDriver(new AggregateStage().buildTopology(), props)) {
            TestInputTopic<String, byte[]> scored = driver.createInputTopic(Topics.SCORED.name(),
                    new StringSerializer(), new ByteArraySerializer());
            List<TestOutputTopic<String, byte[]>> outputs = new ArrayList<>();
            for (Topic<String, ?> topic : WINDOW_TOPICS) {
                outputs.add(driver.createOutputTopic(topic.name(), new StringDeserializer(),
                        new ByteArrayDeserializer()));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Instant fedAt = Instant.parse("2024-06-30T00:00:00Z");
            long cpuBefore = 0;
            long wallBefore = 0;
            long records = 0;
            for (int i = 0; i < warmUp + measured; i++) {
                if (i == warmUp) {
                    outputs.forEach(TestOutputTopic::readRecordsToList);
                    cpuBefore = threads.getCurrentThreadCpuTime();
                    wallBefore = System.nanoTime();
                }
                String id = "agg-" + i;
                byte[] value = templates.record(i, id);
                scored.pipeInput(id, value, fedAt);
                if ((i + 1) % perInterval == 0) {
                    driver.advanceWallClockTime(AggregateSettings.PUBLISH_TICK);
                }
                if (i >= warmUp && (i + 1) % 500 == 0) {
                    for (TestOutputTopic<String, byte[]> output : outputs) {
                        records += output.getQueueSize();
                        output.readRecordsToList(); // so the captured records do not pile up
                    }
                }
            }
            driver.advanceWallClockTime(AggregateSettings.DEFAULT_PUBLISH_INTERVAL);
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            for (TestOutputTopic<String, byte[]> output : outputs) {
                records += output.getQueueSize();
            }
            System.out.printf("aggregate CPU per article: %.3f ms (wall %.3f ms); window records per article"
                    + " (faction + entity + coverage): %.2f%n", cpu / 1e6 / measured, wall / 1e6 / measured,
                    records / (double) measured);
        }
    }
}
