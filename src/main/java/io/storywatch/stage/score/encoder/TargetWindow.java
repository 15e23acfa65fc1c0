package io.storywatch.stage.score.encoder;

import io.storywatch.stage.score.TargetSpan;
import java.util.List;

/**
 * What a learned attention reads for one target of one encoded sentence ({@link TargetAttention}): the query (the
 * mean of the target's own token states, or the [CLS] state when none of its mentions reached a token), and the
 * states of the tokens within {@link #REACH} of the target's own tokens, each with its offset bucket: its signed distance to the
 * nearest own token (0 for the target's own tokens), or {@link #NO_TARGET} for every token of a sentence where the
 * target has no token. The state arrays are the encoder's own, shared, never written.
 */
public record TargetWindow(float[] query, float[][] states, int[] buckets) {

    /** Tokens on each side of a target's own tokens that its attention reads. */
    public static final int REACH = 16;
    /** Offset buckets: -REACH..REACH, then one for tokens of a sentence where the target has no token of its own. */
    public static final int BUCKETS = 2 * REACH + 2;
    static final int NO_TARGET = BUCKETS - 1;

    public TargetWindow {
        if (states.length != buckets.length) {
            throw new IllegalArgumentException(states.length + " states but " + buckets.length + " offsets");
        }
    }

    /** The window of the target whose mentions are {@code spans} (offsets in {@code encoded}'s text). */
    public static TargetWindow of(EncodedText encoded, List<TargetSpan> spans) {
        float[][] states = encoded.states();
        TokenizedText tokens = encoded.tokens();
        int n = tokens.length();
        boolean[] own = TargetFeatures.ownTokens(tokens, spans);
        int ownCount = TargetFeatures.count(own);
        int d = encoded.dimensions();
        float[] query = new float[d];
        if (ownCount == 0) {
            if (n > 0) {
                System.arraycopy(states[0], 0, query, 0, d);
            }
        } else {
            for (int t = 0; t < n; t++) {
                if (own[t]) {
                    for (int k = 0; k < d; k++) {
                        query[k] += states[t][k] / ownCount;
                    }
                }
            }
        }
        int[] bucket = new int[n];
        int count = 0;
        for (int t = 1; t < n - 1; t++) {
            bucket[t] = ownCount == 0 ? NO_TARGET : offsetBucket(own, t);
            if (bucket[t] >= 0) {
                count++;
            }
        }
        float[][] window = new float[count][];
        int[] buckets = new int[count];
        int next = 0;
        for (int t = 1; t < n - 1; t++) {
            if (bucket[t] >= 0) {
                window[next] = states[t];
                buckets[next++] = bucket[t];
            }
        }
        return new TargetWindow(query, window, buckets);
    }

    /** REACH plus the signed distance from token t to the nearest own token, or -1 beyond REACH. */
    private static int offsetBucket(boolean[] own, int t) {
        for (int distance = 0; distance <= REACH; distance++) {
            if (t - distance >= 0 && own[t - distance]) {
                return REACH + distance;
            }
            if (t + distance < own.length && own[t + distance]) {
                return REACH - distance;
            }
        }
        return -1;
    }
}
