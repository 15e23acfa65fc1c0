package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks exact duplicates and drops re-sent articles, for records keyed by content hash; forwards them keyed by
 * article id again.
 *
 * <p>The first article id seen with a content hash owns it; any other id with that hash is written with
 * {@code duplicateOf} = that first id (still written, so later stages carry the mark; the aggregates skip it).
 * An id sent again with exactly the same title and body (a producer retry, the same file fed twice) is dropped, with
 * a debug log, so that each article appears once downstream. An id sent again with a different body, or only a
 * different title, is a correction: it passes as a new version, and is a duplicate only if its new body belongs to
 * another article. Because the versions of one id may have different hashes, and so different partitions, their
 * relative order on the clean topic is not guaranteed.
 */
final class DuplicateMarker implements Processor<String, ArticleCleaned, String, ArticleCleaned> {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateMarker.class);

    private final String firstIdStoreName;
    private final String versionStoreName;
    private ProcessorContext<String, ArticleCleaned> context;
    private KeyValueStore<String, String> firstIdByHash;
    private KeyValueStore<String, String> textHashByHashAndId;

    DuplicateMarker(String firstIdStoreName, String versionStoreName) {
        this.firstIdStoreName = firstIdStoreName;
        this.versionStoreName = versionStoreName;
    }

    @Override
    public void init(ProcessorContext<String, ArticleCleaned> context) {
        this.context = context;
        this.firstIdByHash = context.getStateStore(firstIdStoreName);
        this.textHashByHashAndId = context.getStateStore(versionStoreName);
    }

    @Override
    public void process(Record<String, ArticleCleaned> record) {
        ArticleCleaned article = record.value();
        if (article == null) {
            return;
        }
        String contentHash = article.contentHash();
        // the content hash has a fixed length, so this key cannot collide whatever the id contains
        String versionKey = contentHash + article.id();
        String textHash = ArticleCleaner.sha256Hex(article.text());
        if (textHash.equals(textHashByHashAndId.get(versionKey))) {
            LOG.debug("dropping article {}: the same id with the same title and body was already ingested",
                    article.id());
            return;
        }
        textHashByHashAndId.put(versionKey, textHash);
        String firstId = firstIdByHash.putIfAbsent(contentHash, article.id());
        String duplicateOf = firstId == null || firstId.equals(article.id()) ? null : firstId;
        context.forward(record.withKey(article.id()).withValue(withDuplicateOf(article, duplicateOf)));
    }

    private static ArticleCleaned withDuplicateOf(ArticleCleaned a, String duplicateOf) {
        return new ArticleCleaned(a.schemaVersion(), a.id(), a.title(), a.body(), a.text(), a.publishedAt(),
                a.source(), a.url(), a.language(), a.contentHash(), duplicateOf);
    }
}
