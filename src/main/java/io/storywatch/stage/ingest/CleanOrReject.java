package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleRejected;
import io.storywatch.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and normalises each raw record, turning every failure, expected or not, into a rejection so that no
 * record can stop the stage.
 *
 * <p>A clean article's record timestamp becomes its {@code publishedAt}, so later stages work in event time, but never
 * later than the raw record's own timestamp: a future-dated article would otherwise be refused by the broker
 * ({@code message.timestamp.after.max.ms}) or run stream time ahead, and the raw timestamp, unlike the wall clock,
 * is the same on every replay.
 */
final class CleanOrReject implements FixedKeyProcessor<String, byte[], CleanOrReject.Outcome> {

    static final String CODE_HEADER = "storywatch.reject.code";
    static final String MESSAGE_HEADER = "storywatch.reject.message";

    private static final Logger LOG = LoggerFactory.getLogger(CleanOrReject.class);

    /** A raw record's fate: exactly one of the two topics. */
    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(ArticleCleaned article) implements Outcome {
    }

    record Refused(ArticleRejected rejected) implements Outcome {
    }

    private final ArticleCleaner cleaner;
    private final int maxCleanArticleBytes;
    private FixedKeyProcessorContext<String, Outcome> context;

    CleanOrReject(ArticleCleaner cleaner, int maxCleanArticleBytes) {
        this.cleaner = cleaner;
        this.maxCleanArticleBytes = maxCleanArticleBytes;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Outcome> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Rejection rejection;
        try {
            ArticleCleaner.Result result = cleaner.clean(record.value());
            if (result instanceof ArticleCleaner.Cleaned cleaned) {
                ArticleCleaned article = cleaned.article();
                int size = Json.toBytes(article).length;
                if (size <= maxCleanArticleBytes) {
                    context.forward(record.withValue((Outcome) new Accepted(article))
                            .withTimestamp(eventTime(article, record.timestamp())));
                    return;
                }
                rejection = new Rejection(RejectionCode.TOO_LARGE, "the cleaned article is " + size
                        + " bytes, over the limit of " + maxCleanArticleBytes + " bytes for the clean topic");
            } else {
                rejection = ((ArticleCleaner.Refused) result).rejection();
            }
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("ingest failed on the record with key {}; rejecting it", record.key(), e);
            rejection = new Rejection(RejectionCode.UNPROCESSABLE,
                    "ingest failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        ArticleRejected rejected = RejectionEnvelope.of(rejection, record.key(),
                metadata == null ? -1 : metadata.partition(), metadata == null ? -1L : metadata.offset(),
                record.value());
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(CODE_HEADER).remove(MESSAGE_HEADER);
        headers.add(CODE_HEADER, rejection.code().name().getBytes(StandardCharsets.UTF_8));
        headers.add(MESSAGE_HEADER, rejection.message().getBytes(StandardCharsets.UTF_8));
        context.forward(record.withValue((Outcome) new Refused(rejected)).withHeaders(headers));
    }

    private static long eventTime(ArticleCleaned article, long recordTimestamp) {
        if (article.publishedAt() == null) {
            return recordTimestamp;
        }
        long published = OffsetDateTime.parse(article.publishedAt()).toInstant().toEpochMilli();
        return recordTimestamp >= 0 ? Math.min(published, recordTimestamp) : published;
    }
}
