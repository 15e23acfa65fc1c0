package io.storywatch.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of every thread of the pipeline's JVM at one moment, read from its thread dump (which lists the JVM's own
 * threads too: garbage collection and JIT compilation), so that two of them tell where a burst's CPU went: to which
 * stage, to the broker, to the dashboard or to the JVM itself.
 */
public final class ThreadCpu {

    /** A thread dump line: {@code "name" #12 daemon prio=5 os_prio=0 cpu=12.34ms elapsed=... nid=0x1a2b ...}. */
    private static final Pattern THREAD = Pattern.compile(
            "^\"(.*)\"\\s.*?\\bcpu=([0-9.]+)ms\\b.*?\\bnid=(\\w+)", Pattern.MULTILINE);
    private static final Pattern STAGE_THREAD = Pattern.compile(
            "storywatch-(\\w+)-(?:[0-9a-f-]{36}-)?(?:StreamThread|StateUpdater)-\\d+.*");

    static final String JIT_COMPILER = "JVM JIT compiler";

    /** The parts of the pipeline a thread's CPU counts for, in the order they are reported. */
    static final List<String> PARTS = List.of("stage ingest", "stage segment", "stage tag", "stage score",
            "stage aggregate", "Kafka clients' I/O threads", "broker request handlers", "broker network",
            "broker other", "dashboard", "JVM garbage collection", JIT_COMPILER, "other");

    private final Map<String, Double> millisByThread;

    private ThreadCpu(Map<String, Double> millisByThread) {
        this.millisByThread = millisByThread;
    }

    /** Every thread of a {@code Thread.print} dump with its CPU time; threads of the same name are told by nid. */
    public static ThreadCpu parse(String threadDump) {
        Map<String, Double> millis = new HashMap<>();
        Matcher matcher = THREAD.matcher(threadDump);
        while (matcher.find()) {
            millis.put(matcher.group(1) + "\u0000" + matcher.group(3), Double.parseDouble(matcher.group(2)));
        }
        return new ThreadCpu(Map.copyOf(millis));
    }

    public int threads() {
        return millisByThread.size();
    }

    /**
     * CPU seconds each part used from {@code before} to this moment, in {@link #PARTS} order; a thread that started
     * in between counts from zero. Threads that ended in between are missing from both, so the parts add up to at most
     * the process's CPU time.
     */
    public Map<String, Double> secondsByPartSince(ThreadCpu before) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        PARTS.forEach(part -> seconds.put(part, 0.0));
        millisByThread.forEach((key, millis) -> {
            double delta = millis - before.millisByThread.getOrDefault(key, 0.0);
            if (delta > 0) {
                seconds.merge(part(name(key)), delta / 1000.0, Double::sum);
            }
        });
        return seconds;
    }

    /** The {@code limit} threads that used the most CPU since {@code before}, with their CPU seconds. */
    public Map<String, Double> busiestSince(ThreadCpu before, int limit) {
        List<Map.Entry<String, Double>> deltas = new ArrayList<>();
        millisByThread.forEach((key, millis) -> deltas.add(
                Map.entry(name(key), (millis - before.millisByThread.getOrDefault(key, 0.0)) / 1000.0)));
        deltas.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        Map<String, Double> busiest = new LinkedHashMap<>();
        for (Map.Entry<String, Double> entry : deltas.subList(0, Math.min(limit, deltas.size()))) {
            busiest.merge(entry.getKey(), entry.getValue(), Double::sum);
        }
        return busiest;
    }

    private static String name(String key) {
        return key.substring(0, key.indexOf('\u0000'));
    }

    /** Which part of the pipeline a thread works for, from the names Kafka, Kafka Streams, the JVM and we give them. */
    static String part(String thread) {
        Matcher stage = STAGE_THREAD.matcher(thread);
        if (stage.matches()) {
            String part = "stage " + stage.group(1);
            return PARTS.contains(part) ? part : "other";
        }
        if (thread.startsWith("kafka-producer-network-thread") || thread.startsWith("kafka-admin-client-thread")
                || thread.startsWith("kafka-coordinator-heartbeat-thread")
                || thread.startsWith("consumer_background_thread")) {
            return "Kafka clients' I/O threads";
        }
        if (thread.contains("kafka-request-handler")) {
            return "broker request handlers";
        }
        if (thread.contains("kafka-network-thread") || thread.contains("socket-acceptor")) {
            return "broker network";
        }
        if (thread.startsWith("storywatch-dashboard")) {
            return "dashboard";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
            return "JVM garbage collection";
        }
        if (thread.startsWith("C1 CompilerThread") || thread.startsWith("C2 CompilerThread")) {
            return JIT_COMPILER;
        }
        if (BROKER_THREAD.matcher(thread).lookingAt()) {
            return "broker other";
        }
        return "other";
    }

    private static final Pattern BROKER_THREAD = Pattern.compile("kafka-|TxnMarkerSenderThread|"
            + "AddPartitionsToTxnSenderThread|group-coordinator|share-coordinator|transaction-|quorum-controller|"
            + "ExpirationReaper|broker-|controller-|LogDirFailureHandler|PersisterStateManager|ReplicaFetcher|"
            + "ReplicaAlterLogDirs|raft-|metadata-|client-metrics|executor-|data-plane|"
            + "ThrottledChannelReaper|feature-zk|KafkaScheduler|scheduler-");
}
