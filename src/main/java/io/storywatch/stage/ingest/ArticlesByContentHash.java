package io.storywatch.stage.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Ingest's one store, read and written through its two kinds of entry: under a content hash, the body's
 * {@link FirstArticle}; under the content hash followed by an article id, the text hash of that other article with
 * the same body. The content hash has a fixed length, so the two kinds of key cannot collide whatever the ids contain.
 * Every entry's timestamp is the publication time of the article that wrote it.
 */
final class ArticlesByContentHash {

    /** What a pruning deleted: how many entries, and the originals among them that were in the index. */
    record Forgotten(int entries, List<SimHashIndex.Original> indexed) {
    }

    private final TimestampedKeyValueStore<String, String> store;

    ArticlesByContentHash(TimestampedKeyValueStore<String, String> store) {
        this.store = store;
    }

    Optional<FirstArticle> first(String contentHash) {
        ValueAndTimestamp<String> entry = store.get(contentHash);
        return entry == null ? Optional.empty() : Optional.of(FirstArticle.decode(entry.value(), entry.timestamp()));
    }

    void putFirst(String contentHash, FirstArticle first) {
        store.put(contentHash, ValueAndTimestamp.make(first.encode(), first.eventTime()));
    }

    /** The text hash of another article with this body, if it was seen. */
    Optional<String> copyTextHash(String contentHash, String id) {
        ValueAndTimestamp<String> entry = store.get(contentHash + id);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    void putCopy(String contentHash, String id, String textHash, long eventTime) {
        store.put(contentHash + id, ValueAndTimestamp.make(textHash, eventTime));
    }

    /** Every body's first article, in no particular order: a scan of the store. */
    void forEachFirst(Consumer<FirstArticle> action) {
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> entry = all.next();
                if (isFirst(entry.key) && entry.value != null) {
                    action.accept(FirstArticle.decode(entry.value.value(), entry.value.timestamp()));
                }
            }
        }
    }

    /** Deletes every entry published before {@code cutoff}: a scan of the store. */
    Forgotten deleteOlderThan(long cutoff) {
        List<String> old = new ArrayList<>();
        List<SimHashIndex.Original> indexed = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> entry = all.next();
                long timestamp = entry.value == null ? -1 : entry.value.timestamp();
                if (timestamp >= 0 && timestamp < cutoff) {
                    old.add(entry.key);
                    if (isFirst(entry.key)) {
                        FirstArticle.decode(entry.value.value(), timestamp).indexed().ifPresent(indexed::add);
                    }
                }
            }
        }
        old.forEach(store::delete);
        return new Forgotten(old.size(), indexed);
    }

    private static boolean isFirst(String key) {
        return key.length() == FirstArticle.HASH_LENGTH;
    }
}
