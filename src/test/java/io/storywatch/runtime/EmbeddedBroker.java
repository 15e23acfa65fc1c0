package io.storywatch.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded KRaft broker for a test class, started before its first test and closed after its last, with its data
 * in a temporary directory: {@code @RegisterExtension static final EmbeddedBroker BROKER = new EmbeddedBroker();}.
 */
public final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private EmbeddedKafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("storywatch-broker-");
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            broker.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }
}
