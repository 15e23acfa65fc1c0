package io.storywatch.cli;

import io.storywatch.event.CorrectionMade;
import io.storywatch.json.Json;
import io.storywatch.stage.score.CorrectionTraining;
import io.storywatch.topic.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What analysts corrected, read back from news.corrections. */
@Command(name = "corrections", mixinStandardHelpOptions = true,
        description = "Analysts' corrections (news.corrections).",
        subcommands = {CorrectionsCommand.Export.class})
public final class CorrectionsCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the target-label corrections in force as training lines for "
                    + "`train --task target-sentiment`: {\"text\", \"target\", \"label\", \"implicit\"?}, one per "
                    + "sentence and target (a later correction supersedes an earlier one).",
                    "Prints exported=N superseded=M relevance=K on stderr."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker = new BrokerOptions();

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "Where to write the lines (.jsonl), or - for stdout.")
        String out;

        @Override
        public Integer call() throws IOException {
            CorrectionTraining.Export export = CorrectionTraining.export(readAll(broker.bootstrapServers()));
            if (out.equals("-")) {
                write(export, spec.commandLine().getOut());
            } else {
                Path file = Path.of(out);
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial),
                        StandardCharsets.UTF_8))) {
                    write(export, writer);
                }
                Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf("exported=%d superseded=%d relevance=%d without-text=%d%n", export.lines().size(),
                    export.superseded(), export.relevance(), export.withoutText());
            err.flush();
            return 0;
        }

        private static void write(CorrectionTraining.Export export, Writer writer) throws IOException {
            for (CorrectionTraining.TrainingLine line : export.lines()) {
                writer.write(Json.toString(line));
                writer.write('\n');
            }
            writer.flush();
        }
    }

    /** Every committed correction, in the order they were made (the time each was appended). */
    static List<CorrectionMade> readAll(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-corrections");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CORRECTIONS.name(),
                    Duration.ofSeconds(30)).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("no topic " + Topics.CORRECTIONS.name()
                        + " (create it with `topics apply`)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.CORRECTIONS.name()
                            + " to its end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        // corrections of one article share a partition, so their order is the log's; across articles, append time
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        List<CorrectionMade> corrections = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            corrections.add(Json.fromBytes(record.value(), CorrectionMade.class));
        }
        return corrections;
    }
}
