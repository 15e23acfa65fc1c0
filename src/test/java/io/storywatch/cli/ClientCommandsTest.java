package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import io.storywatch.runtime.EmbeddedBroker;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.ShoutStage;
import io.storywatch.topic.Topic;
import io.storywatch.topic.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client commands (`feed`, `tail`, `topics`, `reset`) as a user runs them, against the embedded broker. */
class ClientCommandsTest {

    @TempDir
    static Path dir;
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    /** What a command printed and returned. */
    record Outcome(int exitCode, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    static Outcome storywatch(String... args) {
        return execute(StoryWatch.commandLine(), args);
    }

    static Outcome execute(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static String newTopic() throws Exception {
        String name = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
            // one partition, so that tail prints records in the order they were sent
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", "4194304")))).all().get();
        }
        return name;
    }

    /** key and value of each line tail printed, the value as compact JSON. */
    static List<String> keysAndValues(Outcome tail) {
        List<String> shown = new ArrayList<>();
        for (String line : tail.lines()) {
            JsonNode record = Json.tree(line);
            shown.add(record.get("key").asText("null") + " " + Json.toString(record.get("value")));
        }
        return shown;
    }

    @Test
    void shouldFeedJsonlJsonArraysAndDirectoriesAsTheyAreAndTailThemBack() throws Exception {
        String topic = newTopic();
        Path articles = Files.createDirectories(dir.resolve("articles"));
        Files.writeString(articles.resolve("a.jsonl"), """
                {"id":"a1","title":"董事会","body":"奥特曼回归 OpenAI。"}
                this line is not JSON

                {"id":"a2","body":"苏茨克维离开。"}
                """);
        Files.writeString(articles.resolve("b.json"), """
                [{"id":"b1","body":"Anthropic 成立。"},
                 {"id":"b2","body":"马斯克起诉。"}]
                """);
        Files.createDirectories(articles.resolve("more"));
        Files.writeString(articles.resolve("more/c.json"), "{\"id\":\"c1\",\"body\":\"ChatGPT 发布。\"}");
        Files.writeString(articles.resolve("more/readme.txt"), "not an article file");

        Outcome feed = storywatch("feed", "--bootstrap-servers", BROKER.bootstrapServers(), "--topic", topic,
                articles.toString());
        Outcome tail = storywatch("tail", "--bootstrap-servers", BROKER.bootstrapServers(), topic,
                "--from-beginning", "--idle-timeout", "3s");

        assertEquals(0, feed.exitCode(), feed.err());
        assertEquals(List.of("sent=6 failed=0"), feed.lines());
        assertEquals(0, tail.exitCode(), tail.err());
        assertEquals(List.of(
                "a1 {\"id\":\"a1\",\"title\":\"董事会\",\"body\":\"奥特曼回归 OpenAI。\"}",
                "null \"this line is not JSON\"",
                "a2 {\"id\":\"a2\",\"body\":\"苏茨克维离开。\"}",
                "b1 {\"id\":\"b1\",\"body\":\"Anthropic 成立。\"}",
                "b2 {\"id\":\"b2\",\"body\":\"马斯克起诉。\"}",
                "c1 {\"id\":\"c1\",\"body\":\"ChatGPT 发布。\"}"), keysAndValues(tail));
    }

    @Test
    void shouldPrintEveryFieldOfARecordAndStopAfterMax() throws Exception {
        String topic = newTopic();
        Path file = dir.resolve("one.jsonl");
        Files.writeString(file, "{\"id\":\"x1\",\"body\":\"一\"}\n{\"id\":\"x2\",\"body\":\"二\"}\n");
        storywatch("feed", "--bootstrap-servers", BROKER.bootstrapServers(), "--topic", topic, file.toString());

        Outcome tail = storywatch("tail", "--bootstrap-servers", BROKER.bootstrapServers(), topic,
                "--from-beginning", "--max", "1");

        assertEquals(1, tail.lines().size(), tail.out());
        JsonNode record = Json.tree(tail.lines().get(0));
        assertEquals(List.of("topic", "partition", "offset", "timestamp", "key", "value", "headers"),
                fieldNames(record));
        assertEquals(topic, record.get("topic").asText());
        assertEquals(0, record.get("partition").asInt());
        assertEquals(0, record.get("offset").asLong());
        assertEquals("x1", record.get("key").asText());
        assertEquals(Json.tree("{\"id\":\"x1\",\"body\":\"一\"}"), record.get("value"));
        assertEquals(Json.tree("{}"), record.get("headers"));
    }

    @Test
    void shouldCountRecordsTheBrokerRefusesAndExitNonZero() throws Exception {
        String topic = newTopic();
        Path file = dir.resolve("too-big.jsonl");
        String huge = "{\"id\":\"big\",\"body\":\"" + "长".repeat(2 * 1024 * 1024) + "\"}";
        Files.writeString(file, "{\"id\":\"ok\",\"body\":\"好\"}\n" + huge + "\n", StandardCharsets.UTF_8);

        Outcome feed = storywatch("feed", "--bootstrap-servers", BROKER.bootstrapServers(), "--topic", topic,
                file.toString());

        assertEquals(1, feed.exitCode());
        assertEquals(List.of("sent=1 failed=1"), feed.lines());
    }

    @Test
    void shouldFindTheBrokerThroughTheDataDirectoryOfRun() throws Exception {
        String topic = newTopic();
        Path dataDir = Files.createDirectories(dir.resolve("run-data"));
        Files.writeString(dataDir.resolve("bootstrap.servers"), "bootstrap.servers=" + BROKER.bootstrapServers() + "\n");
        Path file = dir.resolve("via-data-dir.json");
        Files.writeString(file, "{\"id\":\"d1\",\"body\":\"经由数据目录\"}");

        Outcome feed = storywatch("feed", "--data-dir", dataDir.toString(), "--topic", topic, file.toString());
        Outcome tail = storywatch("tail", "--data-dir", dataDir.toString(), topic, "--from-beginning",
                "--idle-timeout", "2s");

        assertEquals(List.of("sent=1 failed=0"), feed.lines());
        assertEquals(List.of("d1 {\"id\":\"d1\",\"body\":\"经由数据目录\"}"), keysAndValues(tail));
    }

    @Test
    void shouldCreateTheCatalogueTopicsOnceAndListThemAsPresent() {
        Outcome apply = storywatch("topics", "apply", "--bootstrap-servers", BROKER.bootstrapServers(),
                "--replication-factor", "1");
        Outcome again = storywatch("topics", "apply", "--bootstrap-servers", BROKER.bootstrapServers(),
                "--replication-factor", "1", "--fail-on-drift");
        Outcome list = storywatch("topics", "list", "--bootstrap-servers", BROKER.bootstrapServers(),
                "--replication-factor", "1");

        List<String> topics = Topics.all().stream().map(Topic::name).toList();
        assertEquals(0, apply.exitCode(), apply.err());
        assertEquals(topics.stream().map(t -> "topic created  " + t).toList(), apply.lines());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(topics.stream().map(t -> "topic ok       " + t).toList(), again.lines());
        assertEquals(topics, list.lines().subList(1, 1 + topics.size()).stream()
                .filter(line -> line.endsWith(" ok")).map(line -> line.split(" ")[0]).toList());
    }

    @Test
    void shouldSayExactlyWhatResetDeletesThenDeleteItAndOnlyIt() throws Exception {
        String stage = "reset" + UUID.randomUUID().toString().substring(0, 6);
        String applicationId = "storywatch-" + stage;
        String input = newTopic();
        String output = newTopic();
        String changelog = applicationId + "-counts-changelog";
        String unrelated = applicationId + "x-counts-changelog";
        Path dataDir = dir.resolve("reset-data");
        Path localState = Files.createDirectories(dataDir.resolve("state").resolve(applicationId).resolve("0_0"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1), new NewTopic(unrelated, 1, (short) 1)))
                    .all().get();
            // committed offsets of the stage's group, as Kafka Streams leaves them
            admin.alterConsumerGroupOffsets(applicationId,
                    Map.of(new TopicPartition(input, 0), new OffsetAndMetadata(0))).all().get();
        }
        PipelineFactory factory = new PipelineFactory(Map.of(stage, settings -> new ShoutStage(stage,
                new Topic<>(input, Serdes.String(), Serdes.String()),
                new Topic<>(output, Serdes.String(), Serdes.String()))));
        String[] args = {"--stage", stage, "--bootstrap-servers", BROKER.bootstrapServers(),
                "--data-dir", dataDir.toString()};

        Outcome dryRun = execute(new CommandLine(new ResetCommand(factory)), append(args, "--dry-run"));
        Outcome reset = execute(new CommandLine(new ResetCommand(factory)), args);
        Outcome nothingLeft = execute(new CommandLine(new ResetCommand(factory)), args);

        List<String> plan = List.of(
                "reset of stage " + stage + " (application id " + applicationId + "), which reads " + input + ":",
                "  delete consumer group " + applicationId + " with its committed offsets",
                "  delete internal topic " + changelog,
                "  delete local state " + dataDir.resolve("state").resolve(applicationId).toAbsolutePath(),
                "  keep [" + output + "] as they are (append-only: the replay appends after what is there)");
        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertEquals(append(plan, "dry run: nothing deleted"), dryRun.lines());
        assertEquals(0, reset.exitCode(), reset.err());
        assertEquals(append(plan, "done: the next start of " + stage + " reads " + input + " from the beginning"),
                reset.lines());
        assertEquals(List.of(plan.get(0),
                "  nothing to delete: the stage has no offsets, internal topics or local state"), nothingLeft.lines());
        assertFalse(Files.exists(localState.getParent()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
            Set<String> remaining = admin.listTopics().names().get();
            assertTrue(remaining.containsAll(List.of(input, output, unrelated)), remaining.toString());
        }
    }

    private static String[] append(String[] args, String more) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

    private static List<String> append(List<String> lines, String more) {
        List<String> all = new ArrayList<>(lines);
        all.add(more);
        return all;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
