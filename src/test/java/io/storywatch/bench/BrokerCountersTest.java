package io.storywatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.runtime.EmbeddedBroker;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BrokerCountersTest {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @Test
    void shouldCountTheRecordsAndRequestsABurstMadeTheEmbeddedBrokerServe() throws Exception {
        String topic = "bench-counters-test";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKER.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        BrokerCounters before = BrokerCounters.read(ManagementFactory.getPlatformMBeanServer());

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 10; i++) {
                // one at a time, so that each record is a produce request of its own
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        BrokerCounters after = settled(before, 10);

        Map<String, Double> records = after.recordsPerArticleSince(before, 5);
        assertEquals(Map.of(topic, 2.0), records);
        Map<String, Double> requests = after.requestsPerArticleSince(before, 5);
        assertEquals(2.0, requests.get("Produce"));
        assertTrue(requests.keySet().iterator().next().equals("Produce"), () -> "most first: " + requests);
    }

    /**
     * The broker counts a request once its response has gone out, which may be just after the client has read it: the
     * counters as soon as they show {@code produceRequests} more produce requests than {@code before} (or after 10 s).
     */
    private static BrokerCounters settled(BrokerCounters before, int produceRequests) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            BrokerCounters now = BrokerCounters.read(ManagementFactory.getPlatformMBeanServer());
            Double produce = now.requestsPerArticleSince(before, 1).get("Produce");
            if ((produce != null && produce >= produceRequests) || System.nanoTime() > deadline) {
                return now;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void shouldLeaveOutWhatDidNotChangeAndPutTheMostFirst() {
        BrokerCounters before = new BrokerCounters(Map.of("a", 10L, "b", 5L, "c", 7L), Map.of("Fetch", 3L));
        BrokerCounters after = new BrokerCounters(Map.of("a", 14L, "b", 25L, "c", 7L, "d", 2L), Map.of("Fetch", 3L));

        assertEquals(List.of(Map.entry("b", 10.0), Map.entry("a", 2.0), Map.entry("d", 1.0)),
                List.copyOf(after.recordsPerArticleSince(before, 2).entrySet()));
        assertEquals(Map.of(), after.requestsPerArticleSince(before, 2));
    }
}
