package io.storywatch.web;

import io.storywatch.bench.ScoredTemplates;
import io.storywatch.event.StanceScored;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.stage.aggregate.AggregateStage;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.StoryView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The dashboard reader's own cost, without a broker: benchmark articles scored offline and the window records the
 * aggregate topology makes of them are applied to a {@link StoryView} through {@link OutputRecords}, as the reader
 * thread does. Prints this thread's CPU time per scored record and per window record (best of several rounds), and
 * the heap a view retains per article and per window record after a full GC. Run with
 * {@code scripts/dashboard-cost [ARTICLES] [ROUNDS]}.
 */
public final class DashboardReaderCost {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        StoryDefinition story = Stories.defaultStory();
        ScoredTemplates templates = ScoredTemplates.of(story, "dash-cost", 300);
        Instant fedAt = Instant.parse("2024-06-30T00:00:00Z");
        List<ConsumerRecord<String, byte[]>> scored = new ArrayList<>(count);
        long scoredBytes = 0;
        for (int i = 0; i < count; i++) {
            String id = "dash-" + i;
            byte[] value = templates.record(i, id);
            scoredBytes += value.length;
            scored.add(record(Topics.SCORED.name(), i % 3, i / 3, id, value, fedAt.toEpochMilli()));
        }
        List<ConsumerRecord<String, byte[]>> windows = windowRecords(scored);
        long windowBytes = windows.stream().mapToLong(r -> r.value() == null ? 0 : r.value().length).sum();
        System.out.printf("%d scored records (%.1f KB each on average) from %d templates; %d window/coverage"
                        + " records (%.2f per article, %.0f B each on average)%n", count,
                scoredBytes / 1024.0 / count, templates.size(), windows.size(), windows.size() / (double) count,
                windowBytes / (double) windows.size());

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] scoredCpu = new long[rounds];
        long[] windowCpu = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            try (PipelineMetrics metrics = new PipelineMetrics()) {
                OutputRecords records = new OutputRecords(new StoryView(), metrics, Clock.systemUTC(), () -> false);
                long before = threads.getCurrentThreadCpuTime();
                scored.forEach(records::apply);
                long middle = threads.getCurrentThreadCpuTime();
                windows.forEach(records::apply);
                scoredCpu[round] = middle - before;
                windowCpu[round] = threads.getCurrentThreadCpuTime() - middle;
            }
        }
        long[] scoredParse = new long[rounds];
        long[] windowParse = new long[rounds];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long before = threads.getCurrentThreadCpuTime();
            for (ConsumerRecord<String, byte[]> record : scored) {
                sink += io.storywatch.web.view.ScoredDigest.fromJson(record.value()).id().length();
            }
            long middle = threads.getCurrentThreadCpuTime();
            for (ConsumerRecord<String, byte[]> record : windows) {
                if (!record.topic().equals(Topics.STORY_COVERAGE.name())) {
                    sink += io.storywatch.web.view.WindowRecord.fromJson(record.value(),
                            record.topic().equals(Topics.FACTION_SENTIMENT.name()) ? "faction" : "entity").articles();
                }
            }
            scoredParse[round] = middle - before;
            windowParse[round] = threads.getCurrentThreadCpuTime() - middle;
        }
        long[] scoredTokens = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            long before = threads.getCurrentThreadCpuTime();
            for (ConsumerRecord<String, byte[]> record : scored) {
                try (var parser = io.storywatch.json.Json.mapper().getFactory()
                        .createParser(record.value())) {
                    while (parser.nextToken() != null) {
                        sink++;
                    }
                }
            }
            scoredTokens[round] = threads.getCurrentThreadCpuTime() - before;
        }
        System.out.printf("parsing alone: %.1f us per scored record into its digest (tokenizing the record, no"
                        + " objects: %.1f us), %.1f us per faction/entity window record (%d)%n",
                best(scoredParse) / 1e3 / count, best(scoredTokens) / 1e3 / count,
                best(windowParse) / 1e3 / windows.size(), sink % 2);
        System.out.printf("reader CPU per scored record: %.1f us (best of %d rounds; median %.1f us)%n",
                best(scoredCpu) / 1e3 / count, rounds, median(scoredCpu) / 1e3 / count);
        System.out.printf("reader CPU per window/coverage record: %.1f us (best of %d rounds; median %.1f us)%n",
                best(windowCpu) / 1e3 / windows.size(), rounds, median(windowCpu) / 1e3 / windows.size());

        try (PipelineMetrics metrics = new PipelineMetrics()) {
            StoryView view = new StoryView();
            OutputRecords records = new OutputRecords(view, metrics, Clock.systemUTC(), () -> false);
            // each record with a fresh copy of its value, as a consumer delivers it: what the view keeps of it counts
            long empty = usedAfterGc();
            scored.forEach(r -> records.apply(fresh(r)));
            long withArticles = usedAfterGc();
            windows.forEach(r -> records.apply(fresh(r)));
            long withWindows = usedAfterGc();
            System.out.printf("retained heap: %.0f B per article (%d articles: %.1f MiB); %.0f B per window/coverage"
                            + " record applied (%.1f MiB for %d windows of %s)%n",
                    (withArticles - empty) / (double) count, count, (withArticles - empty) / 1048576.0,
                    (withWindows - withArticles) / (double) windows.size(), (withWindows - withArticles) / 1048576.0,
                    view.summary().factionWindows() + view.summary().entityWindows(), "faction + entity");
            if (view.summary().articles() != count) {
                throw new IllegalStateException("the view holds " + view.summary().articles() + " articles");
            }
        }
    }

    /** Every faction, entity and coverage record the aggregate topology writes for the scored records, in order. */
    private static List<ConsumerRecord<String, byte[]>> windowRecords(List<ConsumerRecord<String, byte[]>> scored)
            throws Exception {
        Path stateDir = Files.createTempDirectory("dashboard-cost-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dashboard-cost");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(new AggregateStage().buildTopology(), props)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(Topics.SCORED.name(),
                    new StringSerializer(), new ByteArraySerializer());
            var topics = List.of(Topics.FACTION_SENTIMENT.name(), Topics.ENTITY_SENTIMENT.name(),
                    Topics.STORY_COVERAGE.name());
            var outputs = topics.stream().map(t -> driver.createOutputTopic(t, new StringDeserializer(),
                    new ByteArrayDeserializer())).toList();
            for (int i = 0; i < scored.size(); i++) {
                ConsumerRecord<String, byte[]> record = scored.get(i);
                input.pipeInput(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
                if ((i + 1) % 4 == 0) {
                    driver.advanceWallClockTime(Duration.ofMillis(50));
                }
                for (int t = 0; t < topics.size(); t++) {
                    for (TestRecord<String, byte[]> r : outputs.get(t).readRecordsToList()) {
                        out.add(record(topics.get(t), 0, out.size(), r.key(), r.value(), r.timestamp()));
                    }
                }
            }
        }
        return out;
    }

    private static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, String key,
                                                         byte[] value, long timestamp) {
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, -1, -1, key,
                value, new RecordHeaders(), Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> fresh(ConsumerRecord<String, byte[]> r) {
        return record(r.topic(), r.partition(), r.offset(), r.key(), r.value() == null ? null : r.value().clone(),
                r.timestamp());
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long best(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The scored topic's own serialiser, so the bytes are what the score stage writes. */
    private static final class Json {
        static byte[] bytes(StanceScored s) {
            return Topics.SCORED.valueSerde().serializer().serialize(Topics.SCORED.name(), s);
        }
    }
}
