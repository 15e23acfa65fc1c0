package io.storywatch.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds and aborts transactions that a partition holds open but whose coordinator no longer runs: such a transaction
 * blocks every read-committed reader of the partition (and, on {@code __consumer_offsets}, every committed-offset
 * lookup of its group) forever. Kafka 4.4 leaves them behind when a broker restarts after a crash: the transaction
 * coordinator finishes a commit while the restarted node is still fenced, finds no leader for the data partitions,
 * takes them for deleted and skips their markers. What {@code kafka-transactions.sh find-hanging} and {@code abort}
 * do by hand, on every partition, confirmed twice so that a transaction still in flight is never touched.
 */
public final class HangingTransactions {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<TransactionState> RUNNING = Set.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT);

    /** A transaction a partition holds open: from its first record at {@code startOffset} to a marker not yet written. */
    public record OpenTransaction(TopicPartition partition, long producerId, short producerEpoch, int coordinatorEpoch,
                                  long startOffset) {
    }

    /** What the coordinator says of one producer id: its state and the partitions in its current transaction. */
    public record CoordinatorView(long producerId, TransactionState state, Set<TopicPartition> partitions) {
        public CoordinatorView {
            partitions = Set.copyOf(partitions);
        }
    }

    private final Admin admin;

    public HangingTransactions(Admin admin) {
        this.admin = admin;
    }

    /**
     * A partition's open transaction hangs when no coordinator runs a transaction of its producer that includes the
     * partition: the producer's transactional id is gone, or its coordinator has finished or moved on.
     */
    static boolean hangs(OpenTransaction open, Optional<CoordinatorView> coordinator) {
        return coordinator.map(view -> !RUNNING.contains(view.state()) || !view.partitions().contains(open.partition()))
                .orElse(true);
    }

    /**
     * Hanging transactions seen twice, {@code recheck} apart, with the same producer and first offset: a transaction
     * that was only between two steps the first time has moved on by the second.
     */
    static List<OpenTransaction> confirmed(List<OpenTransaction> first, List<OpenTransaction> second) {
        Set<OpenTransaction> seenFirst = new HashSet<>(first);
        return second.stream().filter(seenFirst::contains).toList();
    }

    /** Aborts every transaction found hanging on two looks {@code recheck} apart; returns what it aborted. */
    public List<OpenTransaction> abortAll(Duration recheck) throws InterruptedException {
        List<OpenTransaction> first = find();
        if (first.isEmpty()) {
            return List.of();
        }
        Thread.sleep(recheck.toMillis());
        List<OpenTransaction> hanging = confirmed(first, find());
        for (OpenTransaction open : hanging) {
            await(admin.abortTransaction(new AbortTransactionSpec(open.partition(), open.producerId(),
                    open.producerEpoch(), open.coordinatorEpoch())).all());
        }
        return hanging;
    }

    /** The hanging transactions on every partition of every topic, internal ones included. */
    public List<OpenTransaction> find() throws InterruptedException {
        List<OpenTransaction> open = openTransactions(allPartitions());
        Map<Long, CoordinatorView> coordinators = coordinatorViews(
                open.stream().map(OpenTransaction::producerId).collect(Collectors.toSet()));
        return open.stream()
                .filter(transaction -> hangs(transaction,
                        Optional.ofNullable(coordinators.get(transaction.producerId()))))
                .toList();
    }

    private List<TopicPartition> allPartitions() throws InterruptedException {
        Set<String> topics = await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.forEach((topic, description) -> description.partitions()
                .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition()))));
        return partitions;
    }

    private List<OpenTransaction> openTransactions(Collection<TopicPartition> partitions) throws InterruptedException {
        Map<TopicPartition, PartitionProducerState> states = await(admin.describeProducers(partitions).all());
        List<OpenTransaction> open = new ArrayList<>();
        states.forEach((partition, state) -> {
            for (ProducerState producer : state.activeProducers()) {
                producer.currentTransactionStartOffset().ifPresent(start -> open.add(new OpenTransaction(partition,
                        producer.producerId(), (short) producer.producerEpoch(),
                        producer.coordinatorEpoch().orElse(0), start)));
            }
        });
        return open;
    }

    private Map<Long, CoordinatorView> coordinatorViews(Set<Long> producerIds) throws InterruptedException {
        if (producerIds.isEmpty()) {
            return Map.of();
        }
        Collection<TransactionListing> listings = await(admin.listTransactions(
                new ListTransactionsOptions().filterProducerIds(producerIds)).all());
        List<String> ids = listings.stream().map(TransactionListing::transactionalId).toList();
        Map<Long, CoordinatorView> views = new HashMap<>();
        if (ids.isEmpty()) {
            return views;
        }
        Map<String, TransactionDescription> descriptions = await(admin.describeTransactions(ids).all());
        for (TransactionDescription description : descriptions.values()) {
            views.put(description.producerId(), new CoordinatorView(description.producerId(), description.state(),
                    description.topicPartitions()));
        }
        return views;
    }

    private static <T> T await(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot look for hanging transactions: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot look for hanging transactions: no answer within "
                    + REQUEST_TIMEOUT, e);
        }
    }
}
