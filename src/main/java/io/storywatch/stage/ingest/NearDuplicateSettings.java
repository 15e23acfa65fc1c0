package io.storywatch.stage.ingest;

/**
 * How ingest recognises near-duplicates, passed in rather than read from globals.
 *
 * @param shingleLength characters per shingle (2: Chinese character bigrams)
 * @param maxDistance the largest SimHash Hamming distance, in bits, at which two bodies are copies
 * @param minBodyChars bodies shorter than this are only compared exactly: a few shingles make a noisy fingerprint
 */
public record NearDuplicateSettings(int shingleLength, int maxDistance, int minBodyChars) {

    public NearDuplicateSettings {
        if (shingleLength < 1 || maxDistance < 0 || maxDistance > 31 || minBodyChars < 0) {
            throw new IllegalArgumentException("shingleLength >= 1, 0 <= maxDistance <= 31, minBodyChars >= 0");
        }
    }

    /**
     * Bigrams, 7 bits, 50 characters. On our sample articles (about 450 characters) copies with up to 3 characters
     * changed stayed within 7 bits and distinct articles on the same story were 16 or more bits apart.
     */
    public static NearDuplicateSettings defaults() {
        return new NearDuplicateSettings(2, 7, 50);
    }

    /** One band per bit of tolerated distance, plus one: a copy agrees with its original on at least one band. */
    public int bands() {
        return maxDistance + 1;
    }
}
