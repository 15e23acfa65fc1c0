package io.storywatch.cli;

import io.storywatch.runtime.PipelineSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a client command finds the broker: --bootstrap-servers, else the file {@code run} wrote into its data dir. */
final class BrokerOptions {

    private static final String BOOTSTRAP_FILE = PipelineSession.BOOTSTRAP_FILE;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers to connect to. Default: the address `run` wrote to DATA_DIR/bootstrap.servers.")
    String bootstrapServers;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Data directory of a running `run`, used to find the broker when --bootstrap-servers is "
                    + "not given. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    String bootstrapServers() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        Path file = dataDir.resolve(BOOTSTRAP_FILE);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no --bootstrap-servers and no " + file
                    + " (start `storywatch run` first, or pass --bootstrap-servers)");
        }
        try {
            String line = Files.readString(file).trim();
            return line.startsWith(BOOTSTRAP_FILE + "=") ? line.substring(BOOTSTRAP_FILE.length() + 1) : line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
