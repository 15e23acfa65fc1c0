package io.storywatch.stage.ingest;

/**
 * The size limits of the ingest stage, passed in rather than read from globals.
 *
 * @param maxArticleBytes raw values larger than this are rejected as TOO_LARGE before decoding (the RawArticle
 *                        contract says 1 MiB)
 * @param maxCleanArticleBytes a cleaned article whose JSON is larger than this is rejected as TOO_LARGE instead of
 *                             being written: title, body and text roughly double the size, and a record the clean
 *                             topic refuses ({@code max.message.bytes}, 1 MB by default) would stop the stage
 */
public record IngestSettings(int maxArticleBytes, int maxCleanArticleBytes) {

    public IngestSettings {
        if (maxArticleBytes <= 0 || maxCleanArticleBytes <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
    }

    public static IngestSettings defaults() {
        return new IngestSettings(ArticleValidator.DEFAULT_MAX_BYTES, 1_000_000);
    }
}
