package io.storywatch.failure;

import com.fasterxml.jackson.core.type.TypeReference;
import io.storywatch.event.ArticleFailed;
import io.storywatch.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a record a stage cannot read (KIP-1034's deserialization handler) or process (KIP-1033's processing
 * handler) with a dead letter on news.articles.failed, which Kafka Streams sends through the task's own producer, so
 * in the same exactly-once transaction as the stage's other output, and lets the stage go on with the next record.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** The stage whose failures this handler reports; by default taken from the application id. */
    public static final String STAGE_CONFIG = "storywatch.failed.stage";
    /** The versions the stage runs with, as a JSON object of strings. */
    public static final String VERSIONS_CONFIG = "storywatch.failed.versions";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final String APPLICATION_ID_PREFIX = "storywatch-";

    private String stage = "unknown";
    private Map<String, String> versions = Map.of();

    /** The Streams properties that send a stage's failures to news.articles.failed with its name and versions. */
    public static Properties properties(String stage, Map<String, String> versions) {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
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

    private List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> deadLetter(
            String failure, ErrorHandlerContext context, byte[] key, byte[] value, Exception exception) {
        FailedRecords.Source source = new FailedRecords.Source(context.topic(), context.partition(),
                context.offset(), context.timestamp(), context.processorNodeId());
        ArticleFailed failed = FailedRecords.failure(stage, failure, source, versions, key, value, exception);
        LOG.warn("stage {} could not {} the record {}-{}@{} and sent it to news.articles.failed: {}", stage,
                failure.equals(ArticleFailed.DESERIALIZATION) ? "read" : "process", context.topic(),
                context.partition(), context.offset(), exception.toString());
        return List.of(FailedRecords.record(failed, key));
    }
}
