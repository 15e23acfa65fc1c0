package io.storywatch.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.ArticleFailed;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.json.Json;
import io.storywatch.json.JsonSerde;
import io.storywatch.runtime.EmbeddedBroker;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.StageSettings;
import io.storywatch.runtime.StreamsSettings;
import io.storywatch.runtime.TopicApplier;
import io.storywatch.stage.Stage;
import io.storywatch.topic.Topic;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded broker, what is neither a bad input nor a failing step still stops no stage: an output that cannot
 * be serialised or is too large to send becomes a dead letter, and bad records on news.stories leave the stages that
 * follow the topic tagging with the story they have.
 */
class StageSurvivalEndToEndTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String IN = "survival.in";
    private static final String OUT = "survival.out";
    /** Over the stages' largest request (8 MiB), so the producer refuses it before it leaves. */
    private static final int HUGE = 9 * 1024 * 1024;

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @TempDir
    Path stateDir;

    @BeforeAll
    static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKER.bootstrapServers()))) {
            new TopicApplier(admin).apply(TopicCatalog.fromClasspath().withReplicationFactor((short) 1));
            admin.createTopics(List.of(new NewTopic(IN, 1, (short) 1), new NewTopic(OUT, 1, (short) 1))).all().get();
        }
    }

    @Test
    void shouldSendOutputsThatCannotBeWrittenToFailedTopicAndWriteTheNextRecord() throws Exception {
        StreamsSettings settings = StreamsSettings.of(BROKER.bootstrapServers(), stateDir)
                .withInternalReplicationFactor(1);
        try (PipelineRunner runner = new PipelineRunner(List.of(new EchoStage()), settings)) {
            runner.start();
            runner.awaitRunning(START);

            send(IN, "w1", EchoStage.UNSERIALISABLE);  // its output's serializer throws: a dead letter
            send(IN, "w2", EchoStage.GROW);            // its output is 9 MiB, over what a stage may write: a dead letter
            send(IN, "w3", "fine");                    // written: the stage did not stop

            assertEquals(List.of("w3:\"FINE\""), read(OUT, 1).stream().map(r -> r.key() + ":" + r.value()).toList());
            List<ArticleFailed> letters = read(Topics.FAILED.name(), 2).stream()
                    .map(r -> Json.fromString(r.value(), ArticleFailed.class)).toList();
            assertEquals(List.of(
                            "echo|PRODUCTION|" + IN + "|w1|" + EchoStage.UNSERIALISABLE + "|"
                                    + SerializationException.class.getName(),
                            "echo|PRODUCTION|" + IN + "|w2|" + EchoStage.GROW + "|"
                                    + SerializationException.class.getName()),
                    letters.stream().map(f -> String.join("|", f.stage(), f.failure(), f.sourceTopic(), f.key(),
                            DeadLetters.originalValue(f), f.errorClass())).sorted().toList());
            assertEquals(Map.of(), runner.failures());
        }
    }

    @Test
    void shouldKeepTaggingWhenNewsStoriesHoldsRecordsThatAreNoStory() throws Exception {
        Stage tag = PipelineFactory.standard().stages(List.of("tag"), StageSettings.defaults()).get(0);
        StreamsSettings settings = StreamsSettings.of(BROKER.bootstrapServers(), stateDir.resolve("tag"))
                .withInternalReplicationFactor(1);
        send(Topics.STORIES.name(), "openai-governance", "{\"id\": \"openai-governance\", \"version\": ");  // not JSON
        try (PipelineRunner runner = new PipelineRunner(List.of(tag), settings)) {
            runner.start();
            runner.awaitRunning(START);  // the global table restored over a record that is no story
            send(Topics.STORIES.name(), "openai-governance", "{\"id\": \"openai-governance\"}");  // not a valid story
            sendBytes(Topics.STORIES.name(), "openai-governance", new byte[] {(byte) 0xC3, 0x28}); // not UTF-8
            send(Topics.SEGMENTED.name(), "a1", SEGMENTED);

            List<ConsumerRecord<String, String>> tagged = read(Topics.TAGGED.name(), 1);
            assertEquals(List.of("a1"), tagged.stream().map(ConsumerRecord::key).toList());
            EntitiesTagged article = Json.fromString(tagged.get(0).value(), EntitiesTagged.class);
            assertEquals(List.of("sam-altman"), article.entities().stream().map(e -> e.id()).toList());
            assertEquals(Map.of(), runner.failures());
            assertEquals(true, runner.allRunning());
        }
    }

    private static final String SEGMENTED = "{\"schemaVersion\":2,\"id\":\"a1\",\"title\":\"董事会\","
            + "\"text\":\"董事会\\n奥特曼回应。\",\"publishedAt\":\"2024-05-15T02:00:00Z\",\"contentHash\":\"h\","
            + "\"sentences\":[{\"index\":0,\"start\":0,\"end\":3,\"text\":\"董事会\",\"words\":\"3:nt\"},"
            + "{\"index\":1,\"start\":4,\"end\":10,\"text\":\"奥特曼回应。\",\"words\":\"3:nr 2:v 1:w\"}]}";

    /**
     * A stand-in stage writing JSON strings as every stage writes its records; its output for two inputs cannot be
     * written: one its serializer refuses, one too large.
     */
    private record EchoStage() implements Stage {
        static final String UNSERIALISABLE = "unserialisable";
        static final String GROW = "grow";

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Topic<?, ?> input() {
            return new Topic<>(IN, Serdes.String(), Serdes.String());
        }

        @Override
        public List<Topic<?, ?>> outputs() {
            return List.of(new Topic<>(OUT, Serdes.String(), outputSerde()));
        }

        @Override
        public Topology buildTopology() {
            StreamsBuilder builder = new StreamsBuilder();
            Topic<String, String> in = new Topic<>(IN, Serdes.String(), Serdes.String());
            Topic<String, String> out = new Topic<>(OUT, Serdes.String(), outputSerde());
            builder.stream(in.name(), in.consumed())
                    .mapValues(v -> v.equals(GROW) ? "x".repeat(HUGE) : v.toUpperCase(java.util.Locale.ROOT),
                            Named.as("echo"))
                    .to(out.name(), out.produced());
            return builder.build();
        }

        private static Serde<String> outputSerde() {
            Serializer<String> strings = JsonSerde.of(String.class).serializer();
            Serializer<String> refusing = (topic, value) -> {
                if (UNSERIALISABLE.toUpperCase(java.util.Locale.ROOT).equals(value)) {
                    throw new SerializationException("cannot write " + value);
                }
                return strings.serialize(topic, value);
            };
            return Serdes.serdeFrom(refusing, new StringDeserializer());
        }
    }

    private static void send(String topic, String key, String value) throws Exception {
        sendBytes(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
        return CommittedRecords.read(BROKER.bootstrapServers(), topic, expected, START);
    }
}
