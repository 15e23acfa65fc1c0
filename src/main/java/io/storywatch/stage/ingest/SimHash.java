package io.storywatch.stage.ingest;

import java.util.HexFormat;

/**
 * 64-bit SimHash of a text's character shingles, so that copies of one wire story that differ in a few characters
 * (a changed word, an added byline) have fingerprints a few bits apart while different articles differ in about half.
 *
 * <p>Whitespace is removed first (re-flowed paragraphs are the same text); each run of {@code shingleLength} code
 * points is hashed with FNV-1a 64 over its UTF-8 bytes and then mixed (SplitMix64's finaliser) so that every bit is
 * well spread; every shingle occurrence adds +1 or −1 per bit; a bit of the fingerprint is set where the sum is
 * positive. The hash is a pure function of the text, the same in every JVM and on every replay.
 */
public final class SimHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private SimHash() {
    }

    public static long of(String text, int shingleLength) {
        int[] codePoints = text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .toArray();
        int[] votes = new int[64];
        int shingles = Math.max(1, codePoints.length - shingleLength + 1);
        for (int i = 0; i < shingles && codePoints.length > 0; i++) {
            int end = Math.min(codePoints.length, i + shingleLength);
            long hash = mix(fnv1a(codePoints, i, end));
            for (int bit = 0; bit < 64; bit++) {
                votes[bit] += ((hash >>> bit) & 1L) == 1L ? 1 : -1;
            }
        }
        long fingerprint = 0L;
        for (int bit = 0; bit < 64; bit++) {
            if (votes[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    /** The number of bits in which two fingerprints differ. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** 16 lower-case hex digits. */
    public static String hex(long fingerprint) {
        return HexFormat.of().toHexDigits(fingerprint);
    }

    public static long parse(String hex) {
        return HexFormat.fromHexDigitsToLong(hex);
    }

    /**
     * The value of band {@code band} of {@code bands} equal slices of the 64 bits. Two fingerprints at most
     * {@code bands - 1} bits apart agree on at least one band (pigeonhole), so looking up each band finds every
     * candidate.
     */
    public static long band(long fingerprint, int band, int bands) {
        int from = band * 64 / bands;
        int to = (band + 1) * 64 / bands;
        int width = to - from;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        return (fingerprint >>> from) & mask;
    }

    /**
     * FNV-1a 64 over the UTF-8 bytes of {@code codePoints[from, to)}, encoded here rather than through a String (the
     * ingest stage hashes one shingle per character of every article): the bytes {@code String.getBytes(UTF_8)} gives,
     * a lone surrogate included, which it writes as {@code '?'}.
     */
    static long fnv1a(int[] codePoints, int from, int to) {
        long hash = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            int c = codePoints[i];
            if (c < 0x80) {
                hash = step(hash, c);
            } else if (c < 0x800) {
                hash = step(step(hash, 0xc0 | c >> 6), 0x80 | c & 0x3f);
            } else if (Character.isSurrogate((char) c) && c <= 0xffff) {
                hash = step(hash, '?');
            } else if (c < 0x10000) {
                hash = step(step(step(hash, 0xe0 | c >> 12), 0x80 | c >> 6 & 0x3f), 0x80 | c & 0x3f);
            } else {
                hash = step(step(step(step(hash, 0xf0 | c >> 18), 0x80 | c >> 12 & 0x3f), 0x80 | c >> 6 & 0x3f),
                        0x80 | c & 0x3f);
            }
        }
        return hash;
    }

    private static long step(long hash, int unsignedByte) {
        return (hash ^ unsignedByte) * FNV_PRIME;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
