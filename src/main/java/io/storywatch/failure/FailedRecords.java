package io.storywatch.failure;

import io.storywatch.event.ArticleFailed;
import io.storywatch.json.Json;
import io.storywatch.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the news.articles.failed record of one failure: the {@link ArticleFailed} value, keyed like the original. */
public final class FailedRecords {

    public static final String STAGE_HEADER = "storywatch.failed.stage";
    public static final String ERROR_HEADER = "storywatch.failed.error";
    /** Enough links to show a wrapped cause; a cycle or a freak chain stops here. */
    private static final int MAX_CAUSES = 16;

    private FailedRecords() {
    }

    /** Where the failed record came from, as Kafka Streams' error handler context tells it. */
    public record Source(String topic, int partition, long offset, long timestamp, String processorNode) {
    }

    public static ArticleFailed failure(String stage, String failure, Source source, Map<String, String> versions,
                                        byte[] key, byte[] value, Throwable error) {
        List<ArticleFailed.Cause> causes = causes(error);
        boolean omitted = value != null && value.length > ArticleFailed.MAX_ORIGINAL_BYTES;
        return new ArticleFailed(ArticleFailed.SCHEMA_VERSION, stage, failure, source.processorNode(),
                causes.get(0).errorClass(), causes.get(0).message(), causes, source.topic(), source.partition(),
                source.offset(), source.timestamp(), versions, utf8(key), base64(key),
                omitted ? null : base64(value), value == null ? 0 : value.length, omitted);
    }

    /** The record for news.articles.failed: the original key (so it lands with the article's other records). */
    public static ProducerRecord<byte[], byte[]> record(ArticleFailed failed, byte[] key) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(STAGE_HEADER, failed.stage().getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_HEADER, failed.errorClass().getBytes(StandardCharsets.UTF_8));
        Long timestamp = failed.sourceTimestamp() >= 0 ? failed.sourceTimestamp() : null;
        return new ProducerRecord<>(Topics.FAILED.name(), null, timestamp, key, Json.toBytes(failed), headers);
    }

    /** The error and each cause under it, outermost first. */
    public static List<ArticleFailed.Cause> causes(Throwable error) {
        List<ArticleFailed.Cause> causes = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && causes.size() < MAX_CAUSES && seen.add(t); t = t.getCause()) {
            causes.add(new ArticleFailed.Cause(t.getClass().getName(), t.getMessage()));
        }
        if (causes.isEmpty()) {
            causes.add(new ArticleFailed.Cause("unknown", null));
        }
        return causes;
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static String utf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
