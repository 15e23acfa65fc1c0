package io.storywatch.stage.ingest;

import java.time.Duration;

/**
 * The limits and duplicate detection of the ingest stage, passed in rather than read from globals.
 *
 * @param maxArticleBytes raw values larger than this are rejected as TOO_LARGE before decoding (the RawArticle
 *                        contract says 1 MiB)
 * @param maxCleanArticleBytes a cleaned article whose JSON is larger than this is rejected as TOO_LARGE instead of
 *                             being written: title, body and text roughly double the size, and a record the clean
 *                             topic refuses ({@code max.message.bytes}, 1 MB by default) would stop the stage
 * @param nearDuplicates how bodies that differ in a few characters are recognised as copies
 * @param retention how long, in event time behind the latest publication ingest has seen, its stores remember an
 *                  article: an exact copy, a re-sent article or a near copy of an article published longer ago than
 *                  this before the newest one is taken for a new article. It bounds the store's size
 */
public record IngestSettings(int maxArticleBytes, int maxCleanArticleBytes, NearDuplicateSettings nearDuplicates,
                             Duration retention) {

    /** Three years, as long as the aggregate keeps day windows open: a backfill that still counts is deduplicated. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(1095);

    public IngestSettings {
        if (maxArticleBytes <= 0 || maxCleanArticleBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (nearDuplicates == null) {
            throw new IllegalArgumentException("nearDuplicates settings are required");
        }
        if (retention == null || retention.compareTo(nearDuplicates.horizon()) < 0) {
            throw new IllegalArgumentException("the retention must be at least the near-duplicate horizon");
        }
    }

    public IngestSettings(int maxArticleBytes, int maxCleanArticleBytes, NearDuplicateSettings nearDuplicates) {
        this(maxArticleBytes, maxCleanArticleBytes, nearDuplicates, DEFAULT_RETENTION);
    }

    public IngestSettings(int maxArticleBytes, int maxCleanArticleBytes) {
        this(maxArticleBytes, maxCleanArticleBytes, NearDuplicateSettings.defaults());
    }

    public static IngestSettings defaults() {
        return new IngestSettings(ArticleValidator.DEFAULT_MAX_BYTES, 1_000_000);
    }

    public IngestSettings withNearDuplicates(NearDuplicateSettings settings) {
        return new IngestSettings(maxArticleBytes, maxCleanArticleBytes, settings, retention);
    }

    public IngestSettings withRetention(Duration newRetention) {
        return new IngestSettings(maxArticleBytes, maxCleanArticleBytes, nearDuplicates, newRetention);
    }
}
