package io.storywatch.failure;

import com.fasterxml.jackson.core.type.TypeReference;
import io.storywatch.event.ArticleFailed;
import io.storywatch.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a record a stage cannot read (KIP-1034's deserialization handler), process (KIP-1033's processing
 * handler) or write (the production handler: an output that cannot be serialised) with a dead letter on
 * news.articles.failed, which Kafka Streams sends through the task's own producer, so in the same exactly-once
 * transaction as the stage's other output, and lets the stage go on with the next record. A send the broker fails
 * still stops an exactly-once stage, whose transaction that send has lost.
 */
public final class DeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    /** The stage whose failures this handler reports; by default taken from the application id. */
    public static final String STAGE_CONFIG = "storywatch.failed.stage";
    /** The versions the stage runs with, as a JSON object of strings. */
    public static final String VERSIONS_CONFIG = "storywatch.failed.versions";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final String APPLICATION_ID_PREFIX = "storywatch-";

    private String stage = "unknown";
    private Map<String, String> versions = Map.of();
    private boolean exactlyOnce;

    /** The Streams properties that send a stage's failures to news.articles.failed with its name and versions. */
    public static Properties properties(String stage, Map<String, String> versions) {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(STAGE_CONFIG, stage);
        props.put(VERSIONS_CONFIG, Json.toString(versions));
        return props;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object named = configs.get(STAGE_CONFIG);
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (named != null) {
            stage = named.toString();
        } else if (applicationId != null) {
            String id = applicationId.toString();
            stage = id.startsWith(APPLICATION_ID_PREFIX) ? id.substring(APPLICATION_ID_PREFIX.length()) : id;
        }
        Object guarantee = configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        exactlyOnce = guarantee != null && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee.toString());
        Object json = configs.get(VERSIONS_CONFIG);
        if (json != null) {
            versions = Map.copyOf(Json.mapper().convertValue(Json.tree(json.toString()),
                    new TypeReference<Map<String, String>>() { }));
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        return DeserializationExceptionHandler.Response.resume(deadLetter(ArticleFailed.DESERIALIZATION, context,
                record.key(), record.value(), exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        return ProcessingExceptionHandler.Response.resume(deadLetter(ArticleFailed.PROCESSING, context,
                context.sourceRawKey(), context.sourceRawValue(), exception));
    }

    /** An output that cannot be serialised: its input goes to news.articles.failed. */
    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                                                                        ProducerRecord record, Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        return ProductionExceptionHandler.Response.resume(deadLetter(ArticleFailed.PRODUCTION, context,
                sourceKey(context, record.key()), context.sourceRawValue(), exception));
    }

    /**
     * An output the broker refuses for what it is, under at-least-once; any other send failure stops the stage, as it
     * must. Under exactly-once a failed send has already doomed the transaction, so going on cannot help: the stage
     * stops (the serde refuses oversized values earlier, as a serialisation error, for that reason).
     */
    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                           ProducerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        if (exactlyOnce || !refusesTheRecordItself(exception)) {
            return ProductionExceptionHandler.Response.fail();
        }
        return ProductionExceptionHandler.Response.resume(deadLetter(ArticleFailed.PRODUCTION, context,
                sourceKey(context, record.key()), context.sourceRawValue(), exception));
    }

    static boolean refusesTheRecordItself(Exception exception) {
        return exception instanceof RecordTooLargeException || exception instanceof InvalidRecordException
                || exception instanceof InvalidTimestampException;
    }

    /** The input record's key; an output made by a punctuation has none, so its own key stands in when it can. */
    private static byte[] sourceKey(ErrorHandlerContext context, Object outputKey) {
        if (context.sourceRawKey() != null) {
            return context.sourceRawKey();
        }
        if (outputKey instanceof byte[] bytes) {
            return bytes;
        }
        return outputKey instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(
            String failure, ErrorHandlerContext context, byte[] key, byte[] value, Exception exception) {
        FailedRecords.Source source = new FailedRecords.Source(context.topic(), context.partition(),
                context.offset(), context.timestamp(), context.processorNodeId());
        ArticleFailed failed = FailedRecords.failure(stage, failure, source, versions, key, value, exception);
        LOG.warn("stage {} could not {} the record {}-{}@{} and sent it to news.articles.failed: {}", stage,
                switch (failure) {
                    case ArticleFailed.DESERIALIZATION -> "read";
                    case ArticleFailed.PRODUCTION -> "write the output of";
                    default -> "process";
                }, context.topic(),
                context.partition(), context.offset(), exception.toString());
        return List.of(FailedRecords.record(failed, key));
    }
}
