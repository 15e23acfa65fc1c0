package io.storywatch.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    @Test
    void shouldCountStageOutcomesUnderTheirStage() {
        try (PipelineMetrics metrics = new PipelineMetrics()) {
            metrics.processed("ingest");
            metrics.processed("ingest");
            metrics.rejected("ingest");
            metrics.late("aggregate");
            metrics.duplicate("ingest");
            metrics.failed("score");

            String scrape = metrics.scrape();

            assertTrue(scrape.contains("storywatch_stage_records_total{outcome=\"processed\",stage=\"ingest\"} 2.0"));
            assertTrue(scrape.contains("storywatch_stage_records_total{outcome=\"rejected\",stage=\"ingest\"} 1.0"));
            assertTrue(scrape.contains("storywatch_stage_records_total{outcome=\"late\",stage=\"aggregate\"} 1.0"));
            assertTrue(scrape.contains("storywatch_stage_records_total{outcome=\"duplicate\",stage=\"ingest\"} 1.0"));
            assertTrue(scrape.contains("storywatch_stage_records_total{outcome=\"failed\",stage=\"score\"} 1.0"));
            assertTrue(scrape.contains("storywatch_stage_records_total{outcome=\"failed\",stage=\"tag\"} 0.0"));
            assertTrue(scrape.contains("storywatch_stage_records_total{outcome=\"processed\",stage=\"tag\"} 0.0"));
            assertTrue(scrape.contains("storywatch_end_to_end_lag_latest_seconds -1.0"), "no lag measured yet");
        }
    }

    @Test
    void shouldExposeKafkaStreamsAndDashboardConsumerMetricsSideBySide() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-dashboard");
        // constructed, never started: their metrics exist without a broker
        try (PipelineMetrics metrics = new PipelineMetrics();
             KafkaStreams streams = new KafkaStreams(builder.build(), props);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                     new ByteArrayDeserializer());
             AutoCloseable streamsBinding = metrics.bindStreams("ingest", streams);
             AutoCloseable consumerBinding = metrics.bindClient("dashboard", consumer)) {

            String scrape = metrics.scrape();

            assertTrue(scrape.lines().anyMatch(line -> line.startsWith("kafka_stream_")
                    && line.contains("stage=\"ingest\"")), "streams metrics tagged with their stage");
            assertTrue(scrape.lines().anyMatch(line -> line.startsWith("kafka_consumer_")
                    && line.contains("client_id=\"storywatch-dashboard\"") && line.contains("stage=\"dashboard\"")),
                    "the dashboard consumer's metrics");
            assertTrue(scrape.lines().anyMatch(line -> line.startsWith("kafka_consumer_")
                    && line.contains("stage=\"ingest\"")), "the stage's own consumer metrics, same tag keys");
        }
    }
}
