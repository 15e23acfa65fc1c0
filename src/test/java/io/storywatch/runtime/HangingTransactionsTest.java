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
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
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
        CoordinatorView committed = new CoordinatorView(3, (short) 8, TransactionState.COMPLETE_COMMIT, Set.of());
        assertTrue(HangingTransactions.hangs(OPEN, Optional.of(committed)));
        assertTrue(HangingTransactions.hangs(OPEN, Optional.of(
                new CoordinatorView(3, (short) 9, TransactionState.EMPTY, Set.of()))));
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
                    new CoordinatorView(3, (short) 7, running, Set.of(SEGMENTED_0, OFFSETS_2)))), running.toString());
        }
    }

    @Test
    void shouldTakeAPartitionTheRunningTransactionDroppedForHanging() {
        // The coordinator moved on to a transaction without this partition: its marker was skipped.
        assertTrue(HangingTransactions.hangs(OPEN, Optional.of(
                new CoordinatorView(3, (short) 8, TransactionState.ONGOING, Set.of(OFFSETS_2)))));
    }

    @Test
    void shouldCommitWhatTheCoordinatorCommittedAndAbortTheRest() {
        // transactions v2: the coordinator ends the transaction of epoch 7 at epoch 8
        assertTrue(HangingTransactions.committed(OPEN, Optional.of(
                new CoordinatorView(3, (short) 8, TransactionState.COMPLETE_COMMIT, Set.of()))));
        assertTrue(HangingTransactions.committed(OPEN, Optional.of(
                new CoordinatorView(3, (short) 8, TransactionState.PREPARE_COMMIT, Set.of(OFFSETS_2)))));
        assertTrue(HangingTransactions.committed(OPEN, Optional.of(
                new CoordinatorView(3, (short) 7, TransactionState.COMPLETE_COMMIT, Set.of()))));
        assertFalse(HangingTransactions.committed(OPEN, Optional.of(
                new CoordinatorView(3, (short) 8, TransactionState.COMPLETE_ABORT, Set.of()))));
        // a later transaction of the producer says nothing of this one's outcome
        assertFalse(HangingTransactions.committed(OPEN, Optional.of(
                new CoordinatorView(3, (short) 10, TransactionState.COMPLETE_COMMIT, Set.of()))));
        assertFalse(HangingTransactions.committed(OPEN, Optional.of(
                new CoordinatorView(3, (short) 9, TransactionState.EMPTY, Set.of()))));
        assertFalse(HangingTransactions.committed(OPEN, Optional.empty()));
    }

    @Test
    void shouldWriteACommitMarkerThatReadCommittedReadersThenSee() throws Exception {
        BrokerClient client = new BrokerClient(BROKER.bootstrapServers());
        client.createTopics("marker-check");
        TopicPartition partition = new TopicPartition("marker-check", 0);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "marker-check-writer");
        try (Admin admin = client.admin();
             KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                     new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("marker-check", "k", "committed by its marker")).get();
            ProducerState state = admin.describeProducers(List.of(partition)).partitionResult(partition).get()
                    .activeProducers().get(0);
            assertTrue(state.currentTransactionStartOffset().isPresent(), "the transaction is open");
            Node leader = admin.describeCluster().nodes().get().iterator().next();

            // what the coordinator would write at the end of this v2 transaction: the commit, one epoch up
            TransactionMarkers.commit(leader, state.producerId(), (short) (state.producerEpoch() + 1),
                    state.coordinatorEpoch().orElse(0), (short) 2, List.of(partition));

            assertTrue(admin.describeProducers(List.of(partition)).partitionResult(partition).get()
                    .activeProducers().get(0).currentTransactionStartOffset().isEmpty(), "the transaction is closed");
        }
        assertEquals(List.of("committed by its marker"), client.readCommitted("marker-check", 0, 1,
                Duration.ofSeconds(30), Duration.ofMillis(500)).stream().map(ConsumerRecord::value).toList());
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
            assertEquals(List.of(), hanging.endAll(Duration.ofMillis(200)));

            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("hanging-check", "k", "in flight")).get();

            assertEquals(List.of(), hanging.find());
            assertEquals(List.of(), hanging.endAll(Duration.ofMillis(200)));
            producer.commitTransaction();
        }
        assertEquals(List.of("in flight"), client.readCommitted("hanging-check", 0, 1, Duration.ofSeconds(30),
                Duration.ofMillis(500)).stream().map(ConsumerRecord::value).toList());
    }
}
