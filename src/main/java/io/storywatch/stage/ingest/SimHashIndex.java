package io.storywatch.stage.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The near-duplicate marker's lookup structure, in memory: originals grouped by time bucket (one horizon of event time
 * each), and within a bucket by each {@link SimHash#band band} value. An article is compared only with the originals
 * under its own band values in its own bucket and the two beside it, so the candidates per article depend on how much
 * news a horizon holds, not on how much history there is; a band list holds at most
 * {@link NearDuplicateSettings#maxPerBand()} originals.
 *
 * <p>It holds no state of its own that a restart needs: the marker rebuilds it from its store.
 */
final class SimHashIndex {

    /** One indexed original. */
    record Original(String id, long fingerprint, long eventTime) {
    }

    /** The closest original found for an article, or none, and how many originals were looked at. */
    record Match(Original original, int distance, int candidates) {
    }

    private final NearDuplicateSettings settings;
    private final long bucketMillis;
    private final NavigableMap<Long, List<Map<Long, List<Original>>>> buckets = new TreeMap<>();

    SimHashIndex(NearDuplicateSettings settings) {
        this.settings = settings;
        this.bucketMillis = settings.horizon().toMillis();
    }

    /**
     * The closest original within the distance and the horizon of this article, ties going to the smaller id;
     * another version of the same id is never its match.
     */
    Match closest(String id, long fingerprint, long eventTime) {
        long bucket = bucketOf(eventTime);
        int bands = settings.bands();
        Original best = null;
        int closest = Integer.MAX_VALUE;
        int candidates = 0;
        for (List<Map<Long, List<Original>>> byBand : buckets.subMap(bucket - 1, true, bucket + 1, true).values()) {
            for (int band = 0; band < bands; band++) {
                for (Original candidate : byBand.get(band).getOrDefault(SimHash.band(fingerprint, band, bands),
                        List.of())) {
                    candidates++;
                    if (candidate.id().equals(id)
                            || Math.abs(candidate.eventTime() - eventTime) > bucketMillis) {
                        continue;
                    }
                    int distance = SimHash.distance(fingerprint, candidate.fingerprint());
                    if (distance <= settings.maxDistance() && (distance < closest
                            || (distance == closest && candidate.id().compareTo(best.id()) < 0))) {
                        closest = distance;
                        best = candidate;
                    }
                }
            }
        }
        return new Match(best, best == null ? -1 : closest, candidates);
    }

    void add(Original original) {
        int bands = settings.bands();
        List<Map<Long, List<Original>>> byBand = buckets.computeIfAbsent(bucketOf(original.eventTime()), b -> {
            List<Map<Long, List<Original>>> maps = new ArrayList<>(bands);
            for (int band = 0; band < bands; band++) {
                maps.add(new HashMap<>());
            }
            return maps;
        });
        for (int band = 0; band < bands; band++) {
            List<Original> list = byBand.get(band).computeIfAbsent(SimHash.band(original.fingerprint(), band, bands),
                    v -> new ArrayList<>(2));
            if (list.size() < settings.maxPerBand()) {
                list.add(original);
            }
        }
    }

    /** Removes an original added before (a new version of an id replacing its old fingerprint). */
    void remove(Original original) {
        List<Map<Long, List<Original>>> byBand = buckets.get(bucketOf(original.eventTime()));
        if (byBand == null) {
            return;
        }
        int bands = settings.bands();
        for (int band = 0; band < bands; band++) {
            List<Original> list = byBand.get(band).get(SimHash.band(original.fingerprint(), band, bands));
            if (list != null) {
                list.remove(original);
            }
        }
    }

    /** Forgets every bucket that starts before {@code cutoff}, which {@link #bucketStart} gives at a bucket's start. */
    void dropBefore(long cutoff) {
        buckets.headMap(bucketOf(cutoff), false).clear();
    }

    /** Every original indexed under at least one band, for comparing an index with its rebuilt self. */
    Set<Original> originals() {
        Set<Original> all = new HashSet<>();
        for (List<Map<Long, List<Original>>> byBand : buckets.values()) {
            byBand.forEach(lists -> lists.values().forEach(all::addAll));
        }
        return all;
    }

    /** The start of the time bucket holding this event time. */
    long bucketStart(long eventTime) {
        return bucketOf(eventTime) * bucketMillis;
    }

    long bucketOf(long eventTime) {
        return Math.floorDiv(eventTime, bucketMillis);
    }
}
