package io.storywatch.stage.ingest;

import java.time.Duration;

/**
 * How ingest recognises near-duplicates, passed in rather than read from globals.
 *
 * @param shingleLength characters per shingle (2: Chinese character bigrams)
 * @param maxDistance the largest SimHash Hamming distance, in bits, at which two bodies are copies
 * @param minBodyChars bodies shorter than this are only compared exactly: a few shingles make a noisy fingerprint
 * @param horizon how far apart in event time (publication) a copy and its original may be: a text published again
 *                later than this after its original counts as an original itself. It also bounds the work: an
 *                article is compared only with originals published within the horizon of it
 * @param maxPerBand how many originals of one horizon-wide time bucket the index keeps under one band value; an
 *                   original arriving when that list is full is still indexed under its other bands. Bounds the
 *                   candidates per article even on a day with far more news than usual
 */
public record NearDuplicateSettings(int shingleLength, int maxDistance, int minBodyChars, Duration horizon,
                                    int maxPerBand) {

    /** Copies are looked for within a week of their original's publication. */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);
    public static final int DEFAULT_MAX_PER_BAND = 256;

    public NearDuplicateSettings {
        if (shingleLength < 1 || maxDistance < 0 || maxDistance > 31 || minBodyChars < 0) {
            throw new IllegalArgumentException("shingleLength >= 1, 0 <= maxDistance <= 31, minBodyChars >= 0");
        }
        if (horizon == null || horizon.toMillis() < 1 || maxPerBand < 1) {
            throw new IllegalArgumentException("the horizon must be positive and maxPerBand at least 1");
        }
    }

    public NearDuplicateSettings(int shingleLength, int maxDistance, int minBodyChars) {
        this(shingleLength, maxDistance, minBodyChars, DEFAULT_HORIZON, DEFAULT_MAX_PER_BAND);
    }

    /**
     * Bigrams, 7 bits, 50 characters, a week. On our sample articles (about 450 characters) copies with up to 3
     * characters changed stayed within 7 bits and distinct articles on the same story were 16 or more bits apart.
     */
    public static NearDuplicateSettings defaults() {
        return new NearDuplicateSettings(2, 7, 50);
    }

    public NearDuplicateSettings withHorizon(Duration newHorizon) {
        return new NearDuplicateSettings(shingleLength, maxDistance, minBodyChars, newHorizon, maxPerBand);
    }

    public NearDuplicateSettings withMaxPerBand(int newMaxPerBand) {
        return new NearDuplicateSettings(shingleLength, maxDistance, minBodyChars, horizon, newMaxPerBand);
    }

    /** One band per bit of tolerated distance, plus one: a copy agrees with its original on at least one band. */
    public int bands() {
        return maxDistance + 1;
    }
}
