package io.storywatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The one metrics registry of a storywatch process: stages and the runtime count what happens to articles here, the
 * dashboard adds what it observes on the output topics, and {@code /metrics} scrapes it in Prometheus format.
 *
 * <p>Two families keep the sources apart: {@code storywatch_stage_records_total{stage, outcome}} is counted by the
 * stages in this process (processed, rejected, late, duplicate, failed); {@code storywatch_topic_*} is what the dashboard
 * read on the output topics, true whichever process ran the stages.
 */
public final class PipelineMetrics implements AutoCloseable {

    /** The stages of the standard pipeline, registered at zero so that a scrape always lists them. */
    public static final List<String> STAGES = List.of("ingest", "segment", "tag", "score", "aggregate");

    public enum Outcome {
        PROCESSED, REJECTED, LATE, DUPLICATE, FAILED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final PrometheusMeterRegistry registry;
    private final Timer endToEndLag;
    private final AtomicLong latestLagMillis = new AtomicLong(-1);

    public PipelineMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (String stage : STAGES) {
            for (Outcome outcome : Outcome.values()) {
                stageCounter(stage, outcome);
            }
        }
        this.endToEndLag = Timer.builder("storywatch.end.to.end.lag")
                .description("Time from an article's arrival on news.articles.raw to its analysis on "
                        + "news.articles.scored, for articles fed while this process runs")
                .register(registry);
        Gauge.builder("storywatch.end.to.end.lag.latest", latestLagMillis, millis -> millis.get() < 0 ? -1 : millis.get() / 1000.0)
                .description("End-to-end lag of the latest article measured, in seconds; -1 before the first")
                .baseUnit("seconds")
                .register(registry);
        topicCounter("news.articles.scored", "article");
        topicCounter("news.articles.scored", "duplicate");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One record a stage has handled with the given outcome; call it from the stage's processor. */
    public void count(String stage, Outcome outcome) {
        stageCounter(stage, outcome).increment();
    }

    public void processed(String stage) {
        count(stage, Outcome.PROCESSED);
    }

    public void rejected(String stage) {
        count(stage, Outcome.REJECTED);
    }

    public void late(String stage) {
        count(stage, Outcome.LATE);
    }

    public void duplicate(String stage) {
        count(stage, Outcome.DUPLICATE);
    }

    /** A record the stage could not read or process, sent to news.articles.failed. */
    public void failed(String stage) {
        count(stage, Outcome.FAILED);
    }

    /** The time from an article entering news.articles.raw to its analysis being on news.articles.scored. */
    public void endToEndLag(Duration lag) {
        endToEndLag.record(lag);
        latestLagMillis.set(lag.toMillis());
    }

    /** A record read on an output topic, of a kind such as {@code article}, {@code duplicate}, {@code window}. */
    public void topicRecord(String topic, String kind) {
        topicCounter(topic, kind).increment();
    }

    /** A rejection read on news.articles.rejected, by its reason code. */
    public void topicRejection(String code) {
        Counter.builder("storywatch.topic.rejected")
                .description("Records on news.articles.rejected, by reason code")
                .tag("code", code)
                .register(registry)
                .increment();
    }

    /** Exposes a Kafka Streams instance's client metrics, tagged with its stage; close the result with the stage. */
    public AutoCloseable bindStreams(String stage, KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, List.of(
                io.micrometer.core.instrument.Tag.of("stage", stage)));
        binder.bindTo(registry);
        return binder::close;
    }

    /**
     * Exposes a plain Kafka client's metrics under a stage-like name, e.g. "dashboard": the same tag keys as the
     * streams' own consumers, which Prometheus needs for meters of one name.
     */
    public AutoCloseable bindClient(String name, Consumer<?, ?> consumer) {
        KafkaClientMetrics binder = new KafkaClientMetrics(consumer, List.of(
                io.micrometer.core.instrument.Tag.of("stage", name)));
        binder.bindTo(registry);
        return binder::close;
    }

    /** The registry in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }

    private Counter stageCounter(String stage, Outcome outcome) {
        return Counter.builder("storywatch.stage.records")
                .description("Records handled by a stage in this process, by outcome")
                .tag("stage", stage)
                .tag("outcome", outcome.tag())
                .register(registry);
    }

    private Counter topicCounter(String topic, String kind) {
        return Counter.builder("storywatch.topic.records")
                .description("Records the dashboard read on an output topic, by kind")
                .tag("topic", topic)
                .tag("kind", kind)
                .register(registry);
    }
}
