package io.storywatch.bench;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.bench.BenchCorpus.BenchArticle;
import io.storywatch.event.StanceScored;
import io.storywatch.runtime.EmbeddedKafkaBroker;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.StreamsSettings;
import io.storywatch.stage.aggregate.AggregateSettings;
import io.storywatch.stage.aggregate.AggregateStage;
import io.storywatch.stage.aggregate.Portrayals;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.topic.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The aggregate stage alone on the embedded broker, so that its cost per article can be measured before and after a
 * change: benchmark articles are scored offline, written to news.articles.scored, and the stage runs (exactly-once,
 * default settings) until the last article's contribution is visible on the faction and entity topics (the sum of
 * {@code reach} over the latest record of every window reaches what the articles add). Prints CPU time per article of
 * the aggregate's stream thread, of all its threads (consumer, producer), of the whole process (the broker included)
 * and the output records per article. Run with {@code scripts/aggregate-cost [WARM_UP] [ARTICLES]}.
 */
public final class AggregateCost {

    private static final List<String> OUTPUTS = List.of(Topics.FACTION_SENTIMENT.name(),
            Topics.ENTITY_SENTIMENT.name(), Topics.STORY_COVERAGE.name());

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        StoryDefinition story = Stories.defaultStory();
        List<BenchArticle> corpus = BenchCorpus.fromSamples(story).articles("agg-cost", warmUp + measured, 20231117,
                Instant.parse("2024-05-20T00:00:00Z"), Duration.ofDays(6), false, List.of());
        ArticleAnalyzer analyzer = ArticleAnalyzer.forStory(story, SentimentModels.loadDefault());
        List<byte[]> scored = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Long> reach = new ArrayList<>();
        int sizes = AggregateSettings.defaults().windowSizes().size();
        for (BenchArticle article : corpus) {
            if (analyzer.analyze(article.json()) instanceof ArticleAnalyzer.Analysed analysed) {
                StanceScored s = analysed.analysis();
                scored.add(Topics.SCORED.valueSerde().serializer().serialize(Topics.SCORED.name(), s));
                ids.add(s.id());
                reach.add((long) sizes * (Portrayals.ofFactions(s).size() + Portrayals.ofEntities(s).size()));
            }
        }
        int warmCount = Math.min(warmUp, scored.size());
        System.out.printf("scored offline: %d articles (%d warm-up, %d measured)%n", scored.size(), warmCount,
                scored.size() - warmCount);

        Path dir = Files.createTempDirectory("aggregate-cost-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            topics.add(new NewTopic(Topics.SCORED.name(), 1, (short) 1));
            for (String name : List.of(Topics.FACTION_SENTIMENT.name(), Topics.ENTITY_SENTIMENT.name(),
                    Topics.STORY_COVERAGE.name(), Topics.FACTION_ALERTS.name(), Topics.LATE.name())) {
                topics.add(new NewTopic(name, 1, (short) 1).configs(Map.of("retention.ms", "-1")));
            }
            admin.createTopics(topics).all().get();
            Reader reader = new Reader(broker.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
                 PipelineRunner runner = new PipelineRunner(List.of(new AggregateStage()),
                         StreamsSettings.of(broker.bootstrapServers(), dir.resolve("state"))
                                 .withInternalReplicationFactor(1))) {
                send(producer, ids, scored, 0, warmCount);
                runner.start();
                runner.awaitRunning(Duration.ofMinutes(2));
                long warmReach = reach.subList(0, warmCount).stream().mapToLong(Long::longValue).sum();
                reader.awaitReach(warmReach);
                System.out.printf("warm-up done: %d output records%n", reader.records);

                Cpu before = Cpu.now();
                long recordsBefore = reader.records;
                send(producer, ids, scored, warmCount, scored.size());
                reader.awaitReach(reach.stream().mapToLong(Long::longValue).sum());
                Cpu after = Cpu.now();
                int n = scored.size() - warmCount;
                double seconds = (after.wallNanos - before.wallNanos) / 1e9;
                System.out.printf("measured: %d articles in %.2f s (%.0f articles/s)%n", n, seconds, n / seconds);
                System.out.printf("output records per article (faction + entity + coverage): %.2f%n",
                        (reader.records - recordsBefore) / (double) n);
                System.out.printf("CPU ms per article: aggregate stream thread %.3f, all aggregate threads %.3f,"
                                + " whole process (broker, feeder and reader included) %.3f%n",
                        (after.streamThread - before.streamThread) / 1e6 / n,
                        (after.stageThreads - before.stageThreads) / 1e6 / n,
                        (after.process - before.process) / 1e6 / n);
            } finally {
                reader.close();
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, List<String> ids, List<byte[]> values, int from,
                             int to) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(Topics.SCORED.name(), 0, Instant.parse("2024-06-30T00:00:00Z")
                    .toEpochMilli(), ids.get(i), values.get(i)));
        }
        producer.flush();
    }

    /** CPU time of the stream thread, of every thread of the stage, and of the process, in nanoseconds. */
    private record Cpu(long streamThread, long stageThreads, long process, long wallNanos) {
        static Cpu now() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long stream = 0;
            long stage = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null || !info.getThreadName().contains("storywatch-aggregate")) {
                    continue;
                }
                long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                stage += cpu;
                if (info.getThreadName().matches(".*StreamThread-\\d+$")) {
                    stream += cpu;
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Cpu(stream, stage, process, System.nanoTime());
        }
    }

    /** Reads the outputs (read committed) and keeps the sum of reach over the latest record of every window. */
    private static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, Long> latestReach = new HashMap<>();
        long reachSum;
        long records;

        Reader(String bootstrap) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = OUTPUTS.stream().map(t -> new TopicPartition(t, 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void awaitReach(long expected) {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            long nextProgress = System.nanoTime() + 30_000_000_000L;
            while (reachSum < expected) {
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new IllegalStateException("reach " + reachSum + " of " + expected + " after 30 minutes");
                }
                if (now > nextProgress) {
                    System.out.printf("  reach %d of %d, %d records%n", reachSum, expected, records);
                    nextProgress = now + 30_000_000_000L;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    records++;
                    if (record.topic().equals(Topics.STORY_COVERAGE.name())) {
                        continue;
                    }
                    long value = reach(record.value());
                    Long previous = latestReach.put(record.topic() + "/" + record.key(), value);
                    reachSum += value - (previous == null ? 0 : previous);
                }
            }
        }

        private static long reach(String json) {
            int at = json.indexOf("\"reach\":") + 8;
            int end = at;
            while (Character.isDigit(json.charAt(end))) {
                end++;
            }
            return Long.parseLong(json.substring(at, end));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
