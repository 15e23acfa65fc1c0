package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Marks near-duplicates: an original whose {@link SimHash} lies within the configured Hamming distance of an earlier
 * original's is written with {@code duplicateOf} = that original and {@code duplicateKind} {@code near}.
 *
 * <p>Lookup is not a scan: every original is indexed under each of its {@link NearDuplicateSettings#bands() bands}
 * (store key {@code BAND|BAND_VALUE|ARTICLE_ID}, value its fingerprint), and a new article is compared only with the
 * articles sharing one of its band values, which by the pigeonhole principle include every article within the
 * distance. The closest candidate wins, ties going to the smaller id. Exact duplicates pass unchanged and unindexed,
 * as do copies, so {@code duplicateOf} always names an original; bodies shorter than the minimum pass unchanged.
 * Another version of the same id is never its own duplicate. Runs in one task, so every article meets every earlier
 * one.
 */
final class NearDuplicateMarker implements Processor<String, ArticleCleaned, String, ArticleCleaned> {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final String bandStoreName;
    private final NearDuplicateSettings settings;
    private ProcessorContext<String, ArticleCleaned> context;
    private KeyValueStore<String, String> fingerprintsByBand;

    NearDuplicateMarker(String bandStoreName, NearDuplicateSettings settings) {
        this.bandStoreName = bandStoreName;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, ArticleCleaned> context) {
        this.context = context;
        this.fingerprintsByBand = context.getStateStore(bandStoreName);
    }

    @Override
    public void process(Record<String, ArticleCleaned> record) {
        ArticleCleaned article = record.value();
        if (article == null || article.duplicateOf() != null || article.simHash() == null
                || article.body().length() < settings.minBodyChars()) {
            context.forward(record);
            return;
        }
        long fingerprint = SimHash.parse(article.simHash());
        String originalId = null;
        int closest = Integer.MAX_VALUE;
        for (String prefix : bandPrefixes(fingerprint)) {
            try (KeyValueIterator<String, String> candidates = fingerprintsByBand.prefixScan(prefix,
                    PREFIX_SERIALIZER)) {
                while (candidates.hasNext()) {
                    KeyValue<String, String> candidate = candidates.next();
                    String candidateId = candidate.key.substring(prefix.length());
                    if (candidateId.equals(article.id())) {
                        continue;
                    }
                    int distance = SimHash.distance(fingerprint, SimHash.parse(candidate.value));
                    if (distance <= settings.maxDistance() && (distance < closest
                            || (distance == closest && candidateId.compareTo(originalId) < 0))) {
                        closest = distance;
                        originalId = candidateId;
                    }
                }
            }
        }
        if (originalId != null) {
            context.forward(record.withValue(asNearCopyOf(article, originalId)));
            return;
        }
        for (String prefix : bandPrefixes(fingerprint)) {
            fingerprintsByBand.put(prefix + article.id(), article.simHash());
        }
        context.forward(record);
    }

    private List<String> bandPrefixes(long fingerprint) {
        int bands = settings.bands();
        List<String> prefixes = new ArrayList<>(bands);
        for (int band = 0; band < bands; band++) {
            prefixes.add(String.format("%02d|%x|", band, SimHash.band(fingerprint, band, bands)));
        }
        return prefixes;
    }

    private static ArticleCleaned asNearCopyOf(ArticleCleaned a, String originalId) {
        return new ArticleCleaned(a.schemaVersion(), a.id(), a.title(), a.body(), a.text(), a.publishedAt(),
                a.source(), a.url(), a.language(), a.contentHash(), originalId, ArticleCleaned.NEAR, a.simHash());
    }
}
