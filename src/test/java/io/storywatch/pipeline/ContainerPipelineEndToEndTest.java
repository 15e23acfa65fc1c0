package io.storywatch.pipeline;

import io.storywatch.docker.LocalDocker;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The whole pipeline in a Kafka container, the local image with the official apache/kafka image's
 * interface (LocalDocker); skipped, saying so, where there is no Docker engine.
 */
@LocalDocker.Images("kafka")
@Testcontainers
class ContainerPipelineEndToEndTest extends PipelineEndToEndContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(LocalDocker.kafkaImage())
            .withStartupTimeout(LocalDocker.STARTUP_TIMEOUT)
            // one broker: internal topics of transactions and groups get one replica
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .withEnv("KAFKA_MESSAGE_MAX_BYTES", "8388608")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    @TempDir
    static Path stateDir;

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @Override
    Path stateDir() {
        return stateDir;
    }
}
