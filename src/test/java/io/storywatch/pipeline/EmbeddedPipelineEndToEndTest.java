package io.storywatch.pipeline;

import io.storywatch.runtime.EmbeddedKafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the in-process KRaft broker that `run` starts by default. */
class EmbeddedPipelineEndToEndTest extends PipelineEndToEndContract {

    @TempDir
    static Path dir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    Path stateDir() {
        return dir.resolve("state");
    }
}
