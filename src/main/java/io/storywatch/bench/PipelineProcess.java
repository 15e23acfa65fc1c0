package io.storywatch.bench;

import io.storywatch.runtime.RunLauncher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The pipeline under test in a JVM of its own ({@code storywatch run} on a fresh data directory, embedded broker and
 * every stage, with its own heap limit), so that the memory it reports is the pipeline's alone; samples its heap over
 * JMX and its resident set from {@code /proc}.
 */
public final class PipelineProcess implements AutoCloseable {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int jmxPort;
    private final AtomicLong maxHeapUsed = new AtomicLong();
    private final AtomicLong maxHeapAfterGc = new AtomicLong();
    private final AtomicLong lastHeapUsed = new AtomicLong();
    private final AtomicLong maxRssKb = new AtomicLong();
    private final AtomicLong lastRssKb = new AtomicLong();
    private volatile long peakRssKb;
    private volatile long heapPoolPeaksSum;
    private volatile long heapMax;
    private volatile long gcCount;
    private volatile long gcMillis;
    private volatile String bootstrapServers;
    private Thread sampler;
    private JMXConnector jmx;

    private PipelineProcess(Process process, Path stdout, Path stderr, int jmxPort) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.jmxPort = jmxPort;
    }

    /**
     * Starts {@code storywatch run --data-dir DATA_DIR RUN_ARGS} in a new JVM with {@code jvmArgs} (e.g.
     * {@code -Xmx1g}), its output going to {@code DATA_DIR/pipeline.out} and {@code pipeline.err}.
     */
    public static PipelineProcess start(Path dataDir, List<String> jvmArgs, List<String> runArgs)
            throws IOException {
        Files.createDirectories(dataDir);
        int jmxPort = freePort();
        List<String> jvm = new ArrayList<>(jvmArgs);
        jvm.add("-Dcom.sun.management.jmxremote.port=" + jmxPort);
        jvm.add("-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort);
        jvm.add("-Dcom.sun.management.jmxremote.host=127.0.0.1");
        jvm.add("-Djava.rmi.server.hostname=127.0.0.1");
        jvm.add("-Dcom.sun.management.jmxremote.authenticate=false");
        jvm.add("-Dcom.sun.management.jmxremote.ssl=false");
        List<String> command = RunLauncher.command(jvm, dataDir, runArgs);
        Path out = dataDir.resolve("pipeline.out");
        Path err = dataDir.resolve("pipeline.err");
        return new PipelineProcess(RunLauncher.start(command, out, err), out, err, jmxPort);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the broker's address and for every stage to run, then starts sampling memory. */
    public String awaitRunning(Duration timeout) throws IOException, InterruptedException {
        bootstrapServers = RunLauncher.awaitRunning(process, stdout, stderr, timeout);
        connectJmx();
        sampler = new Thread(this::sample, "bench-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return bootstrapServers;
    }

    private void connectJmx() throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        jmx = JMXConnectorFactory.connect(url, Map.of());
    }

    private void sample() {
        try {
            MBeanServerConnection connection = jmx.getMBeanServerConnection();
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connection,
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            List<MemoryPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class);
            List<com.sun.management.GarbageCollectorMXBean> collectors = ManagementFactory.getPlatformMXBeans(
                    connection, com.sun.management.GarbageCollectorMXBean.class);
            java.util.Set<String> heapPools = new java.util.HashSet<>();
            for (MemoryPoolMXBean pool : pools) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
            while (process.isAlive() && !Thread.currentThread().isInterrupted()) {
                long used = memory.getHeapMemoryUsage().getUsed();
                lastHeapUsed.set(used);
                maxHeapUsed.accumulateAndGet(used, Math::max);
                heapMax = memory.getHeapMemoryUsage().getMax();
                long peaks = 0;
                for (MemoryPoolMXBean pool : pools) {
                    if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                        peaks += pool.getPeakUsage().getUsed();
                    }
                }
                heapPoolPeaksSum = peaks;
                long count = 0;
                long millis = 0;
                for (var collector : collectors) {
                    count += Math.max(0, collector.getCollectionCount());
                    millis += Math.max(0, collector.getCollectionTime());
                    com.sun.management.GcInfo last = collector.getLastGcInfo();
                    if (last != null) {
                        long after = last.getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPools.contains(e.getKey()))
                                .mapToLong(e -> e.getValue().getUsed()).sum();
                        maxHeapAfterGc.accumulateAndGet(after, Math::max);
                    }
                }
                gcCount = count;
                gcMillis = millis;
                readProcStatus();
                Thread.sleep(SAMPLE_EVERY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the pipeline is stopping: keep what was sampled so far
        }
    }

    private void readProcStatus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = kilobytes(line);
                    lastRssKb.set(kb);
                    maxRssKb.accumulateAndGet(kb, Math::max);
                } else if (line.startsWith("VmHWM:")) {
                    peakRssKb = kilobytes(line);
                }
            }
        } catch (IOException e) {
            // not Linux, or the process has just gone
        }
    }

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }

    /**
     * The heap the pipeline still holds after a full collection it is asked for now: what it retains (stores'
     * caches, the dashboard's digest of every article), unlike the after-GC figures of young collections, which
     * include garbage not yet collected; -1 when the pipeline cannot be asked.
     */
    public long liveHeapBytes() {
        try {
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Memory figures so far. */
    public record Memory(long heapUsedMax, long heapAfterGcMax, long heapUsedLast, long heapPoolPeaksSum,
                         long heapMax, long rssKbPeak, long rssKbLast, long gcCount, long gcMillis) {
    }

    public Memory memory() {
        readProcStatus();
        return new Memory(maxHeapUsed.get(), maxHeapAfterGc.get(), lastHeapUsed.get(), heapPoolPeaksSum, heapMax,
                Math.max(peakRssKb, maxRssKb.get()), lastRssKb.get(), gcCount, gcMillis);
    }

    /**
     * CPU time the pipeline's process has used so far, all its threads (stages, broker, GC, JIT), from
     * {@code /proc/PID/stat} (user + system, in clock ticks of 10 ms); -1 where that cannot be read.
     */
    public long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Every thread's CPU time so far, from the pipeline's thread dump (the JVM's diagnostic command over JMX, what
     * {@code jcmd PID Thread.print} prints); null where it cannot be asked.
     */
    public ThreadCpu threadCpu() {
        try {
            Object dump = jmx.getMBeanServerConnection().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return ThreadCpu.parse(String.valueOf(dump));
        } catch (IOException | JMException | RuntimeException e) {
            return null;
        }
    }

    /** The embedded broker's totals so far (records in per topic, requests per kind); null where it cannot be asked. */
    public BrokerCounters brokerCounters() {
        try {
            return BrokerCounters.read(jmx.getMBeanServerConnection());
        } catch (IOException | JMException | RuntimeException e) {
            return null;
        }
    }

    /** The numeric attributes of one MBean of the pipeline, e.g. storywatch's own counters; empty where unavailable. */
    public Map<String, Long> counters(String objectName) {
        Map<String, Long> values = new java.util.TreeMap<>();
        try {
            ObjectName name = new ObjectName(objectName);
            for (javax.management.MBeanAttributeInfo attribute
                    : jmx.getMBeanServerConnection().getMBeanInfo(name).getAttributes()) {
                if (jmx.getMBeanServerConnection().getAttribute(name, attribute.getName()) instanceof Number n) {
                    values.put(attribute.getName(), n.longValue());
                }
            }
        } catch (IOException | JMException | RuntimeException e) {
            // not registered (yet), or the process has gone
        }
        return values;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path stderrFile() {
        return stderr;
    }

    /** Sends SIGTERM and waits for a clean stop; kills the process if it takes longer than a minute. */
    @Override
    public void close() throws InterruptedException {
        if (sampler != null) {
            sampler.interrupt();
            sampler.join(2000);
        }
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException e) {
                // the process is going anyway
            }
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
