package io.storywatch.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

/**
 * Writes a transaction's commit marker to partitions the way its coordinator would have ({@code WriteTxnMarkers},
 * the request coordinators send to partition leaders): Kafka's Admin API can only abort a transaction, and a
 * transaction its coordinator committed must end committed on every partition, or a stage's input offsets count as
 * read while its output is thrown away.
 */
final class TransactionMarkers {

    private static final short VERSION = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TransactionMarkers() {
    }

    /**
     * Writes a commit marker for producer {@code producerId} at {@code producerEpoch} to {@code partitions}, all led
     * by {@code leader}; throws saying which partition refused it.
     */
    static void commit(Node leader, long producerId, short producerEpoch, int coordinatorEpoch,
                       short transactionVersion, List<TopicPartition> partitions) throws IOException {
        WriteTxnMarkersRequestData.WritableTxnMarker marker = new WriteTxnMarkersRequestData.WritableTxnMarker()
                .setProducerId(producerId)
                .setProducerEpoch(producerEpoch)
                .setCoordinatorEpoch(coordinatorEpoch)
                .setTransactionResult(true)
                .setTransactionVersion((byte) transactionVersion);
        for (TopicPartition partition : partitions) {
            WriteTxnMarkersRequestData.WritableTxnMarkerTopic topic = marker.topics().stream()
                    .filter(t -> t.name().equals(partition.topic())).findFirst()
                    .orElseGet(() -> {
                        WriteTxnMarkersRequestData.WritableTxnMarkerTopic created =
                                new WriteTxnMarkersRequestData.WritableTxnMarkerTopic().setName(partition.topic());
                        marker.topics().add(created);
                        return created;
                    });
            topic.partitionIndexes().add(partition.partition());
        }
        WriteTxnMarkersRequestData data = new WriteTxnMarkersRequestData();
        data.markers().add(marker);
        WriteTxnMarkersRequest request = new WriteTxnMarkersRequest.Builder(data).build(VERSION);
        RequestHeader header = new RequestHeader(ApiKeys.WRITE_TXN_MARKERS, VERSION, "storywatch-hanging-transactions",
                1);
        WriteTxnMarkersResponse response = (WriteTxnMarkersResponse) send(leader, request.serializeWithHeader(header),
                header);
        Map<TopicPartition, Errors> errors = response.errorsByProducerId().getOrDefault(producerId, Map.of());
        for (TopicPartition partition : partitions) {
            Errors error = errors.getOrDefault(partition, Errors.UNKNOWN_SERVER_ERROR);
            if (error != Errors.NONE) {
                throw new IOException("the commit marker of producer " + producerId + " was refused on " + partition
                        + ": " + error.name());
            }
        }
    }

    private static AbstractResponse send(Node leader, ByteBuffer request, RequestHeader header) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(leader.host(), leader.port()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] bytes = new byte[request.remaining()];
            request.get(bytes);
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            return AbstractResponse.parseResponse(ByteBuffer.wrap(answer), header);
        }
    }
}
