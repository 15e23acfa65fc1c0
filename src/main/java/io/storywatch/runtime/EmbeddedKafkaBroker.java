package io.storywatch.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) so that storywatch runs end to end on
 * a machine with nothing but Java; its log directory survives restarts, so the raw topic stays the source of truth.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    /** Room for a 4 MiB article plus record-batch overhead, on any topic including Streams' internal ones. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    static final int CLEANER_DEDUPE_BUFFER_BYTES = 16 * 1024 * 1024;
    /** Longer than a transaction marker takes to be written, so a transaction only in flight is seen to move on. */
    private static final Duration HANGING_TRANSACTION_RECHECK = Duration.ofSeconds(2);

    private final Path logDir;
    private final String clusterId;
    private final int port;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafkaBroker(Path logDir, String clusterId, int port, KafkaRaftServer server) {
        this.logDir = logDir;
        this.clusterId = clusterId;
        this.port = port;
        this.server = server;
    }

    /** Starts a broker on a free port, keeping its data in {@code logDir}. */
    public static EmbeddedKafkaBroker start(Path logDir) {
        return start(logDir, 0);
    }

    /**
     * Starts a broker keeping its data in {@code logDir}, formatting the directory only the first time.
     *
     * @param port the client port, or 0 for any free port
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        try {
            Files.createDirectories(logDir);
            Path dir = logDir.toAbsolutePath().normalize();
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            KafkaConfig config = KafkaConfig.fromProps(serverProperties(dir, brokerPort, controllerPort), false);
            String clusterId = formatIfNew(dir, config);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, clusterId, brokerPort, server);
            try {
                server.startup();
                broker.awaitReady(Duration.ofSeconds(60));
                broker.endHangingTransactions();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            LOG.info("embedded broker {} (cluster {}) ready on {}", NODE_ID, clusterId, broker.bootstrapServers());
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded broker in " + logDir, e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path logDir() {
        return logDir;
    }

    /** Shuts the broker down in order (broker, then controller) and waits until it has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("embedded broker on {} stopped", bootstrapServers());
    }

    private static Properties serverProperties(Path dir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", dir.toString());
        props.put("metadata.log.dir", dir.toString());
        // One node: every internal topic has exactly one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from topics/ only; a typo in a client must not create a stray topic.
        props.put("auto.create.topics.enable", "false");
        props.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        props.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        props.put("socket.request.max.bytes", String.valueOf(4 * MAX_MESSAGE_BYTES));
        props.put("num.partitions", "1");
        // The log cleaner keeps its dedupe map on the heap (128 MiB by default) and clears all of it on every pass;
        // the broker shares one heap with the stages here, and one node's compacted topics need far less.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(CLEANER_DEDUPE_BUFFER_BYTES));
        // Controlled shutdown deregisters the broker, so that the next start need not wait for its old session.
        props.put("controlled.shutdown.enable", "true");
        // After a kill -9 the restarted broker waits until its previous registration times out; the broker and
        // its controller share one process here, so a shorter session than the 9 s default is safe.
        props.put("broker.heartbeat.interval.ms", "1000");
        props.put("broker.session.timeout.ms", "5000");
        return props;
    }

    /** Formats the log directory on first use; afterwards keeps it (and its cluster id) as it is. */
    private static String formatIfNew(Path dir, KafkaConfig config) throws IOException {
        Path metaProperties = dir.resolve("meta.properties");
        if (Files.exists(metaProperties)) {
            Properties meta = new Properties();
            try (InputStream in = Files.newInputStream(metaProperties)) {
                meta.load(in);
            }
            return meta.getProperty("cluster.id");
        }
        String clusterId = Uuid.randomUuid().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(clusterId)
                .setNodeId(config.nodeId())
                .addDirectory(dir.toString())
                .setMetadataLogDirectory(config.metadataLogDir())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setIgnoreFormatted(false);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IOException("cannot format " + dir, e);
        }
        return clusterId;
    }

    /**
     * A crash can leave transactions that partitions hold open but no coordinator runs (see
     * {@link HangingTransactions}); nothing of storywatch's runs yet, so any found is a leftover. Each ends as its
     * coordinator decided: committed, or aborted (the stage that wrote it then reads the same input again).
     */
    private void endHangingTransactions() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            for (HangingTransactions.Hanging hanging
                    : new HangingTransactions(admin).endAll(HANGING_TRANSACTION_RECHECK)) {
                HangingTransactions.OpenTransaction open = hanging.open();
                LOG.warn("{} a transaction the last crash left open on {} (producer {}, epoch {}, from offset {})",
                        hanging.commit() ? "committed" : "aborted", open.partition(), open.producerId(),
                        open.producerEpoch(), open.startOffset());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot end the transactions the last crash left open", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for hanging transactions", e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded broker not ready after " + timeout, e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
