package io.storywatch.cli;

import io.storywatch.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import java.io.PrintWriter;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a topic's committed records as JSON lines, for people and for scripts that check what a stage wrote. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print records of a topic, one JSON line each: "
                + "{topic, partition, offset, timestamp, key, value, headers}.",
                "The value is embedded as JSON when it is JSON, else as a string, or base64 (with "
                        + "\"valueEncoding\":\"base64\") when it is not UTF-8. Reads committed records only."})
public final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    @Parameters(paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Exit after N records.")
    Long max;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Exit when no record came for this long (e.g. 10s, 2m). Default: wait for ever.")
    Duration idleTimeout;

    @Override
    public Integer call() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-tail");
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                spec.commandLine().getErr().println("no topic " + topic);
                return 1;
            }
            // No group: tail reads, it never commits, so it cannot disturb anybody's offsets.
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long idleSince = System.nanoTime();
            while (max == null || printed < max) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(Json.toString(TailFormat.toJson(record)));
                    printed++;
                    if (max != null && printed >= max) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                } else if (idleTimeout != null && System.nanoTime() - idleSince >= idleTimeout.toNanos()) {
                    break;
                }
            }
        }
        out.flush();
        return 0;
    }
}
