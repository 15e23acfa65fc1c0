package io.storywatch.chaos;

/**
 * One record the chaos driver feeds to news.articles.raw.
 *
 * @param seq      its number in the feed, unique, carried in the {@value ResumableFeed#SEQ_HEADER} header so the
 *                 checker can find it on the raw topic
 * @param key      the record key (the article id when there is a usable one), may be null
 * @param value    the bytes, exactly as sent
 * @param kind     what the generator meant it to be (e.g. {@code article}, {@code near-copy}, {@code deep-json})
 * @param id       the article id ingest should read from it, or null when it has none it could accept
 * @param valid    true for an article every stage must carry to news.articles.scored
 * @param late     true for an article dated well before the stream it is fed with
 */
public record ChaosRecord(long seq, String key, byte[] value, String kind, String id, boolean valid, boolean late) {
}
