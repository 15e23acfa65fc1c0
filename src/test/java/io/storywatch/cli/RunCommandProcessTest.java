package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.runtime.ArticleFeeder;
import io.storywatch.runtime.ArticleFiles.RawRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `run` as an operator uses it: its own process, stopped by SIGTERM, or killed with SIGKILL and started again. */
class RunCommandProcessTest {

    private static final Pattern BOOTSTRAP_LINE = Pattern.compile("bootstrap\\.servers=127\\.0\\.0\\.1:\\d+");
    private static final Pattern DASHBOARD_LINE = Pattern.compile("dashboard=http://127\\.0\\.0\\.1:\\d+/");
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A started `run` with what it printed so far. */
    private record Run(Process process, BlockingQueue<String> stdout, Path stderr) {
        String nextLine(Duration timeout) throws InterruptedException {
            return stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void awaitOnStderr(String text) throws Exception {
            long deadline = System.nanoTime() + START.toNanos();
            while (!Files.readString(stderr).contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("no \"" + text + "\" on stderr: " + Files.readString(stderr));
                }
                Thread.sleep(100);
            }
        }
    }

    private Run startRun(String name) throws IOException {
        Path stderr = dataDir.getParent().resolve(dataDir.getFileName() + "-" + name + ".err");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunWithShoutStage.class.getName(),
                "--data-dir", dataDir.toString(), "--http-port", "0")
                .redirectError(stderr.toFile())
                .start();
        started.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Run(process, lines, stderr);
    }

    @Test
    void shouldKeepEveryRecordExactlyOnceAcrossAKillMinusNineAndStopCleanlyOnSigterm() throws Exception {
        Run first = startRun("first");
        String firstLine = first.nextLine(START);
        assertTrue(firstLine != null && BOOTSTRAP_LINE.matcher(firstLine).matches(), "first line: " + firstLine);
        assertEquals(firstLine + "\n", Files.readString(dataDir.resolve("bootstrap.servers")));
        String dashboardLine = first.nextLine(START);
        assertTrue(dashboardLine != null && DASHBOARD_LINE.matcher(dashboardLine).matches(),
                "second line: " + dashboardLine);
        assertEquals(dashboardLine.substring("dashboard=".length()),
                Files.readString(dataDir.resolve("dashboard.url")).strip());
        first.awaitOnStderr("all stages running");
        int articles = 300;
        try (ArticleFeeder feeder = new ArticleFeeder(address(firstLine))) {
            for (int i = 0; i < articles; i++) {
                feeder.send(new RawRecord("a" + i, ("article " + i).getBytes(StandardCharsets.UTF_8), "test", 0));
            }
            feeder.flush();
            assertEquals(articles, feeder.sent());
        }
        first.process().destroyForcibly(); // SIGKILL, quite possibly in the middle of a transaction
        first.process().waitFor();

        Run second = startRun("second");
        String secondLine = second.nextLine(START);
        assertTrue(DASHBOARD_LINE.matcher(second.nextLine(START)).matches());
        second.awaitOnStderr("all stages running");
        Map<String, List<String>> shouted = readCommittedByKey(address(secondLine), "news.articles.clean", articles);
        second.process().destroy(); // SIGTERM

        assertEquals(articles, shouted.size());
        shouted.forEach((key, values) -> assertEquals(List.of("ARTICLE " + key.substring(1)), values, key));
        assertTrue(second.process().waitFor(60, TimeUnit.SECONDS), "still running a minute after SIGTERM");
        assertEquals(143, second.process().exitValue(), Files.readString(second.stderr()));
        assertEquals(null, second.nextLine(Duration.ofMillis(500)), "more than the bootstrap and dashboard lines on stdout");
        assertEquals(secondLine + "\n", Files.readString(dataDir.resolve("bootstrap.servers")));
        assertTrue(Files.readString(second.stderr()).contains("stopping"));
    }

    private static String address(String bootstrapLine) {
        return bootstrapLine.substring("bootstrap.servers=".length());
    }

    /** Every committed value of a topic by key, read until {@code expected} keys and then 3 s of quiet. */
    private static Map<String, List<String>> readCommittedByKey(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, List<String>> byKey = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + START.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline
                    && (byKey.size() < expected || System.nanoTime() - quietSince < 3_000_000_000L)) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : records) {
                    byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
                }
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
            }
        }
        return byKey;
    }
}
