package io.storywatch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.runtime.HangingTransactions.CoordinatorView;
import io.storywatch.runtime.HangingTransactions.OpenTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HangingTransactionsTest {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    private static final TopicPartition SEGMENTED_0 = new TopicPartition("news.articles.segmented", 0);
    private static final TopicPartition OFFSETS_2 = new TopicPartition("__consumer_offsets", 2);
    private static final OpenTransaction OPEN = new OpenTransaction(SEGMENTED_0, 3, (short) 7, 0, 18);

    @Test
    void shouldTakeATransactionWhoseCoordinatorFinishedItForHanging() {
        // What a crash left behind: the coordinator committed, but the marker never reached the partition.
        CoordinatorView committed = new CoordinatorView(3, TransactionState.COMPLETE_COMMIT, Set.of());
        assertTrue(HangingTransactions.hangs(OPEN, Optional.of(committed)));
        assertTrue(HangingTransactions.hangs(OPEN, Optional.of(
                new CoordinatorView(3, TransactionState.EMPTY, Set.of()))));
    }

    @Test
    void shouldTakeATransactionWithoutAnyCoordinatorForHanging() {
        assertTrue(HangingTransactions.hangs(OPEN, Optional.empty()));
    }

    @Test
    void shouldLeaveATransactionItsCoordinatorStillRuns() {
        for (TransactionState running : List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT,
                TransactionState.PREPARE_ABORT)) {
            assertFalse(HangingTransactions.hangs(OPEN, Optional.of(
                    new CoordinatorView(3, running, Set.of(SEGMENTED_0, OFFSETS_2)))), running.toString());
        }
    }

    @Test
    void shouldTakeAPartitionTheRunningTransactionDroppedForHanging() {
        // The coordinator moved on to a transaction without this partition: its marker was skipped.
        assertTrue(HangingTransactions.hangs(OPEN, Optional.of(
                new CoordinatorView(3, TransactionState.ONGOING, Set.of(OFFSETS_2)))));
    }

    @Test
    void shouldConfirmOnlyWhatBothLooksSawWithTheSameFirstOffset() {
        OpenTransaction moved = new OpenTransaction(SEGMENTED_0, 3, (short) 9, 0, 40);
        OpenTransaction other = new OpenTransaction(OFFSETS_2, 3, (short) 7, 0, 168);
        assertEquals(List.of(other), HangingTransactions.confirmed(List.of(OPEN, other), List.of(moved, other)));
        assertEquals(List.of(), HangingTransactions.confirmed(List.of(), List.of(OPEN)));
    }

    @Test
    void shouldFindNothingOnAHealthyBrokerAndLeaveARunningTransactionAlone() throws Exception {
        BrokerClient client = new BrokerClient(BROKER.bootstrapServers());
        client.createTopics("hanging-check");
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hanging-check-writer");
        try (Admin admin = client.admin();
             KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                     new StringSerializer())) {
            HangingTransactions hanging = new HangingTransactions(admin);
            assertEquals(List.of(), hanging.abortAll(Duration.ofMillis(200)));

            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("hanging-check", "k", "in flight")).get();

            assertEquals(List.of(), hanging.find());
            assertEquals(List.of(), hanging.abortAll(Duration.ofMillis(200)));
            producer.commitTransaction();
        }
        assertEquals(List.of("in flight"), client.readCommitted("hanging-check", 0, 1, Duration.ofSeconds(30),
                Duration.ofMillis(500)).stream().map(ConsumerRecord::value).toList());
    }
}
