package io.storywatch.failure;

import io.storywatch.event.ArticleFailed;
import io.storywatch.stage.Stage;
import io.storywatch.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** What a stage's topology test needs to run the stage with its dead-letter handlers and read what they wrote. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** The stage's test-driver configuration, with the dead-letter handlers {@code run} gives it. */
    public static Properties config(Stage stage, Path stateDir) {
        Properties config = DeadLetterHandler.properties(stage.name(), stage.versions());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "storywatch-" + stage.name() + "-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return config;
    }

    public static TestOutputTopic<String, ArticleFailed> failedTopic(TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.FAILED.name(), Topics.FAILED.keySerde().deserializer(),
                Topics.FAILED.valueSerde().deserializer());
    }

    /** What a stage test checks of a dead letter: whose, why, from where, and the original record. */
    public record Letter(String stage, String failure, String rootCause, String sourceTopic, long sourceOffset,
                         String key, String value) {
    }

    public static Letter letter(ArticleFailed failed) {
        String rootCause = failed.causes().get(failed.causes().size() - 1).errorClass();
        return new Letter(failed.stage(), failed.failure(), rootCause, failed.sourceTopic(), failed.sourceOffset(),
                failed.key(), originalValue(failed));
    }

    /** The original value a dead letter carries, as text. */
    public static String originalValue(ArticleFailed failed) {
        return new String(Base64.getDecoder().decode(failed.valueBase64()), StandardCharsets.UTF_8);
    }
}
