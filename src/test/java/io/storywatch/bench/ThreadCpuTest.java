package io.storywatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    /** Thread dump lines in the form {@code jcmd PID Thread.print} prints them (JDK 17), with made-up times. */
    private static final String BEFORE = """
            "storywatch-segment-StreamThread-1" #40 prio=5 os_prio=0 cpu=1000.00ms elapsed=10.0s tid=0x1 nid=0x10 runnable  [0x0]
               java.lang.Thread.State: RUNNABLE
            \tat com.hankcs.hanlp.seg.Viterbi.ViterbiSegment.viterbi(ViterbiSegment.java:1)

            "data-plane-kafka-request-handler-0" #30 daemon prio=5 os_prio=0 cpu=500.00ms elapsed=12.0s tid=0x2 nid=0x11 waiting on condition  [0x0]
            "GC Thread#0" os_prio=0 cpu=200.50ms elapsed=12.0s tid=0x3 nid=0x12 runnable
            "kafka-producer-network-thread | storywatch-segment-StreamThread-1-producer" #41 daemon prio=5 os_prio=0 cpu=10.00ms elapsed=9.0s tid=0x4 nid=0x13 runnable  [0x0]
            """;

    private static final String AFTER = """
            "storywatch-segment-StreamThread-1" #40 prio=5 os_prio=0 cpu=4000.00ms elapsed=20.0s tid=0x1 nid=0x10 runnable  [0x0]
            "data-plane-kafka-request-handler-0" #30 daemon prio=5 os_prio=0 cpu=1500.00ms elapsed=22.0s tid=0x2 nid=0x11 waiting on condition  [0x0]
            "GC Thread#0" os_prio=0 cpu=700.50ms elapsed=22.0s tid=0x3 nid=0x12 runnable
            "GC Thread#1" os_prio=0 cpu=250.00ms elapsed=5.0s tid=0x5 nid=0x14 runnable
            "kafka-producer-network-thread | storywatch-segment-StreamThread-1-producer" #41 daemon prio=5 os_prio=0 cpu=60.00ms elapsed=19.0s tid=0x4 nid=0x13 runnable  [0x0]
            "storywatch-dashboard-reader" #50 daemon prio=5 os_prio=0 cpu=125.00ms elapsed=19.0s tid=0x6 nid=0x15 runnable  [0x0]
            """;

    @Test
    void shouldChargeEachThreadsCpuSinceTheFirstDumpToItsPart() {
        ThreadCpu before = ThreadCpu.parse(BEFORE);
        ThreadCpu after = ThreadCpu.parse(AFTER);

        Map<String, Double> expected = new LinkedHashMap<>();
        ThreadCpu.PARTS.forEach(part -> expected.put(part, 0.0));
        expected.put("stage segment", 3.0);
        expected.put("Kafka clients' I/O threads", 0.05);
        expected.put("broker request handlers", 1.0);
        expected.put("dashboard", 0.125);
        // a GC thread that started between the dumps counts from zero
        expected.put("JVM garbage collection", 0.5 + 0.25);
        assertEquals(4, before.threads());
        assertEquals(6, after.threads());
        assertEquals(expected, after.secondsByPartSince(before));
    }

    @Test
    void shouldNameTheBusiestThreadsFirst() {
        Map<String, Double> busiest = ThreadCpu.parse(AFTER).busiestSince(ThreadCpu.parse(BEFORE), 2);

        assertEquals(Map.of("storywatch-segment-StreamThread-1", 3.0, "data-plane-kafka-request-handler-0", 1.0),
                busiest);
        assertEquals("storywatch-segment-StreamThread-1", busiest.keySet().iterator().next());
    }

    @Test
    void shouldTellPipelineThreadsApartByTheirNames() {
        assertEquals("stage aggregate", ThreadCpu.part("storywatch-aggregate-StreamThread-1"));
        assertEquals("stage tag", ThreadCpu.part("storywatch-tag-StateUpdater-1"));
        assertEquals("broker network",
                ThreadCpu.part("data-plane-kafka-network-thread-1-ListenerName(PLAINTEXT)-PLAINTEXT-0"));
        assertEquals("broker other", ThreadCpu.part("TxnMarkerSenderThread-1"));
        assertEquals("broker other", ThreadCpu.part("group-coordinator-event-processor-0"));
        assertEquals("broker other", ThreadCpu.part("kafka-log-cleaner-thread-0"));
        assertEquals("Kafka clients' I/O threads",
                ThreadCpu.part("kafka-admin-client-thread | storywatch-ingest-admin"));
        assertEquals("JVM JIT compiler", ThreadCpu.part("C2 CompilerThread0"));
        assertEquals("JVM garbage collection", ThreadCpu.part("G1 Conc#0"));
        assertEquals("other", ThreadCpu.part("main"));
    }
}
