package io.storywatch.event;

import java.util.List;
import java.util.Map;

/**
 * A record a stage could not read or process, kept whole with why it failed, so that the stage goes on with the next
 * record and the failed one can be re-driven after a fix: the value of news.articles.failed.
 *
 * @param failure {@code DESERIALIZATION} (the input bytes are not a readable record), {@code PROCESSING} (the
 *                stage threw on a record it could read) or {@code PRODUCTION} (the stage's output for the record could
 *                not be serialised, or the broker refused it, e.g. as too large)
 * @param processorNode the topology node that failed (the source node for deserialization failures)
 * @param causes the error and every cause under it, outermost first
 * @param key the original key as text when it is UTF-8, for people; {@code keyBase64} holds its bytes
 * @param valueBase64 the original value's bytes; null when the value was null or {@code valueOmitted}
 * @param valueOmitted true when the value was over {@link #MAX_ORIGINAL_BYTES} and is only at its source offset
 */
public record ArticleFailed(int schemaVersion, String stage, String failure, String processorNode,
                            String errorClass, String errorMessage, List<Cause> causes, String sourceTopic,
                            int sourcePartition, long sourceOffset, long sourceTimestamp,
                            Map<String, String> versions, String key, String keyBase64, String valueBase64,
                            int valueSize, boolean valueOmitted) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DESERIALIZATION = "DESERIALIZATION";
    public static final String PROCESSING = "PROCESSING";
    public static final String PRODUCTION = "PRODUCTION";
    /** Base64 makes a value a third larger: a 4 MiB original stays well under the stages' 8 MiB records. */
    public static final int MAX_ORIGINAL_BYTES = 4 * 1024 * 1024;

    /** One link of the cause chain. */
    public record Cause(String errorClass, String message) {
    }
}
