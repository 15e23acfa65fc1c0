package io.storywatch.runtime;

import java.io.IOException;
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
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds and ends transactions that a partition holds open but whose coordinator no longer runs: such a transaction
 * blocks every read-committed reader of the partition (and, on {@code __consumer_offsets}, every committed-offset
 * lookup of its group) forever. Kafka 4.4 leaves them behind when a broker restarts after a crash: the transaction
 * coordinator finishes a commit while the restarted node is still fenced, finds no leader for the data partitions,
 * takes them for deleted and skips their markers. Each is ended as its coordinator decided: committed when the
 * coordinator committed it (other partitions of the same transaction may hold its commit marker already, so an abort
 * would keep a stage's offsets and lose its output), aborted otherwise, as {@code kafka-transactions.sh abort} does.
 * Confirmed twice, so that a transaction still in flight is never touched.
 */
public final class HangingTransactions {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<TransactionState> RUNNING = Set.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT);

    /** A transaction a partition holds open: from its first record at {@code startOffset} to a marker not yet written. */
    public record OpenTransaction(TopicPartition partition, long producerId, short producerEpoch, int coordinatorEpoch,
                                  long startOffset) {
    }

    /** What the coordinator says of one producer id: its state, epoch and the partitions of its transaction. */
    public record CoordinatorView(long producerId, short producerEpoch, TransactionState state,
                                  Set<TopicPartition> partitions) {
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
     * Whether the coordinator committed this hanging transaction: its producer's last transaction is committed (or
     * being committed) at the transaction's epoch, or one above it (transactions v2 bump the epoch as they end).
     */
    static boolean committed(OpenTransaction open, Optional<CoordinatorView> coordinator) {
        return coordinator.filter(view -> view.state() == TransactionState.COMPLETE_COMMIT
                        || view.state() == TransactionState.PREPARE_COMMIT)
                .filter(view -> view.producerEpoch() == open.producerEpoch()
                        || view.producerEpoch() == open.producerEpoch() + 1)
                .isPresent();
    }

    /**
     * Hanging transactions seen twice, {@code recheck} apart, with the same producer and first offset: a transaction
     * that was only between two steps the first time has moved on by the second.
     */
    static List<OpenTransaction> confirmed(List<OpenTransaction> first, List<OpenTransaction> second) {
        Set<OpenTransaction> seenFirst = new HashSet<>(first);
        return second.stream().filter(seenFirst::contains).toList();
    }

    /**
     * A hanging transaction and how it is to end: committed at {@code commitEpoch} (the coordinator's epoch for it)
     * when its coordinator committed it, else aborted.
     */
    public record Hanging(OpenTransaction open, boolean commit, short commitEpoch) {
    }

    /**
     * Ends every transaction found hanging on two looks {@code recheck} apart as its coordinator decided; returns
     * what it ended.
     */
    public List<Hanging> endAll(Duration recheck) throws InterruptedException, IOException {
        List<Hanging> first = find();
        if (first.isEmpty()) {
            return List.of();
        }
        Thread.sleep(recheck.toMillis());
        List<OpenTransaction> seenTwice = confirmed(first.stream().map(Hanging::open).toList(),
                find().stream().map(Hanging::open).toList());
        Map<TopicPartition, Node> leaders = leaders();
        List<Hanging> ended = new ArrayList<>();
        for (Hanging hanging : find()) {
            OpenTransaction open = hanging.open();
            if (!seenTwice.contains(open)) {
                continue;
            }
            if (hanging.commit()) {
                // transactions v2 bump the epoch as they end: a commit one above the transaction's epoch is v2's
                short version = (short) (hanging.commitEpoch() > open.producerEpoch() ? 2 : 1);
                TransactionMarkers.commit(leaders.get(open.partition()), open.producerId(), hanging.commitEpoch(),
                        open.coordinatorEpoch(), version, List.of(open.partition()));
            } else {
                await(admin.abortTransaction(new AbortTransactionSpec(open.partition(), open.producerId(),
                        open.producerEpoch(), open.coordinatorEpoch())).all());
            }
            ended.add(hanging);
        }
        return ended;
    }

    /** The hanging transactions on every partition of every topic, internal ones included. */
    public List<Hanging> find() throws InterruptedException {
        List<OpenTransaction> open = openTransactions(leaders().keySet());
        Map<Long, CoordinatorView> coordinators = coordinatorViews(
                open.stream().map(OpenTransaction::producerId).collect(Collectors.toSet()));
        List<Hanging> hanging = new ArrayList<>();
        for (OpenTransaction transaction : open) {
            Optional<CoordinatorView> view = Optional.ofNullable(coordinators.get(transaction.producerId()));
            if (hangs(transaction, view)) {
                hanging.add(new Hanging(transaction, committed(transaction, view),
                        view.map(CoordinatorView::producerEpoch).orElse(transaction.producerEpoch())));
            }
        }
        return hanging;
    }

    /** Every partition of every topic, internal ones included, with its leader. */
    private Map<TopicPartition, Node> leaders() throws InterruptedException {
        Set<String> topics = await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        Map<String, TopicDescription> descriptions = await(admin.describeTopics(topics).allTopicNames());
        Map<TopicPartition, Node> leaders = new HashMap<>();
        descriptions.forEach((topic, description) -> description.partitions()
                .forEach(partition -> leaders.put(new TopicPartition(topic, partition.partition()),
                        partition.leader())));
        return leaders;
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
            views.put(description.producerId(), new CoordinatorView(description.producerId(),
                    (short) description.producerEpoch(), description.state(), description.topicPartitions()));
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
