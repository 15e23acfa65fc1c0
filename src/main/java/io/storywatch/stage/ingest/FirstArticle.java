package io.storywatch.stage.ingest;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The content-hash store's entry for the first article of a body, which also carries the body's SimHash when that
 * article is in the near-duplicate index, so that an original costs one store record for both kinds of copy.
 *
 * <p>Stored as text: the text hash followed by the id, as before SimHashes moved here; an indexed entry puts
 * {@code #} and the SimHash's 16 hex digits in front. A text hash is lower-case hex, so the two forms cannot be
 * confused, and entries written before the SimHashes moved here read as not indexed.
 *
 * @param id the article that first had this body
 * @param textHash SHA-256 (hex) of that article's latest title and body: a re-send of both is dropped
 * @param simHash the body's fingerprint if the article is an indexed original; empty for a near copy, a short body,
 *                an article published before the retention cutoff, and entries from before the SimHashes moved here
 * @param eventTime publication time of the version that wrote the entry (the store entry's timestamp)
 */
record FirstArticle(String id, String textHash, OptionalLong simHash, long eventTime) {

    /** Length of a SHA-256 in hex. */
    static final int HASH_LENGTH = 64;
    private static final char INDEXED = '#';
    private static final int SIMHASH_DIGITS = 16;

    String encode() {
        return simHash.isEmpty() ? textHash + id : INDEXED + SimHash.hex(simHash.getAsLong()) + textHash + id;
    }

    static FirstArticle decode(String value, long eventTime) {
        if (value.charAt(0) != INDEXED) {
            return new FirstArticle(value.substring(HASH_LENGTH), value.substring(0, HASH_LENGTH),
                    OptionalLong.empty(), eventTime);
        }
        int textHashStart = 1 + SIMHASH_DIGITS;
        int idStart = textHashStart + HASH_LENGTH;
        return new FirstArticle(value.substring(idStart), value.substring(textHashStart, idStart),
                OptionalLong.of(HexFormat.fromHexDigitsToLong(value, 1, textHashStart)), eventTime);
    }

    /** The original this entry puts in the near-duplicate index, if any. */
    Optional<SimHashIndex.Original> indexed() {
        return simHash.isEmpty() ? Optional.empty()
                : Optional.of(new SimHashIndex.Original(id, simHash.getAsLong(), eventTime));
    }
}
