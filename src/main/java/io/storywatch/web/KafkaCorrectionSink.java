package io.storywatch.web;

import io.storywatch.event.CorrectionMade;
import io.storywatch.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Appends corrections to news.corrections keyed by article id, idempotently and acknowledged by every replica. */
final class KafkaCorrectionSink implements CorrectionSink {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaProducer<String, CorrectionMade> producer;

    KafkaCorrectionSink(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000,
                ProducerConfig.CLIENT_ID_CONFIG, "storywatch-dashboard-corrections"),
                Topics.CORRECTIONS.keySerde().serializer(), Topics.CORRECTIONS.valueSerde().serializer());
    }

    @Override
    public void append(CorrectionMade correction) throws Exception {
        producer.send(new ProducerRecord<>(Topics.CORRECTIONS.name(), correction.article(), correction))
                .get(SEND_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
