package io.storywatch.pipeline;

import io.storywatch.runtime.EmbeddedBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the in-process KRaft broker that `run` starts by default. */
class EmbeddedPipelineEndToEndTest extends PipelineEndToEndContract {

    @TempDir
    static Path dir;
    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }

    @Override
    Path stateDir() {
        return dir.resolve("state");
    }
}
