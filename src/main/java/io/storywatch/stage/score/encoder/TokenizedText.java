package io.storywatch.stage.score.encoder;

import java.util.Arrays;

/**
 * A text as the encoder reads it: vocabulary ids from [CLS] to [SEP], each with the UTF-16 span [start, end) of the
 * text it came from ([CLS] and [SEP] are empty spans at the text's ends).
 */
public record TokenizedText(String text, int[] ids, int[] starts, int[] ends) {

    public int length() {
        return ids.length;
    }

    /** Indexes of the tokens that overlap [from, to) of the text; special tokens never do. */
    public int[] tokensWithin(int from, int to) {
        int[] found = new int[ids.length];
        int count = 0;
        for (int t = 1; t < ids.length - 1; t++) {
            if (starts[t] < to && ends[t] > from) {
                found[count++] = t;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * Collects tokens up to a cap, keeping room for the closing [SEP]. A character may give more than one token (a
     * Hangul syllable decomposes into its letters), so the arrays grow as needed, never past the cap.
     */
    static final class Builder {
        private final String text;
        private final int max;
        private int[] ids;
        private int[] starts;
        private int[] ends;
        private int size;

        Builder(String text, int max) {
            this.text = text;
            this.max = max;
            int capacity = Math.min(max, text.length() + 2);
            this.ids = new int[capacity];
            this.starts = new int[capacity];
            this.ends = new int[capacity];
        }

        /** Whether adding {@code reserve} more tokens would leave no room for [SEP]. */
        boolean full(int reserve) {
            return size + reserve > max - 1;
        }

        void add(int id, int start, int end) {
            if (full(size == 0 ? 0 : 1)) {
                return;
            }
            append(id, start, end);
        }

        void addFinal(int id, int start, int end) {
            append(id, start, end);
        }

        private void append(int id, int start, int end) {
            if (size == ids.length) {
                int capacity = Math.min(max, Math.max(4, ids.length * 2));
                ids = Arrays.copyOf(ids, capacity);
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            ids[size] = id;
            starts[size] = start;
            ends[size++] = end;
        }

        TokenizedText build() {
            return new TokenizedText(text, Arrays.copyOf(ids, size), Arrays.copyOf(starts, size),
                    Arrays.copyOf(ends, size));
        }
    }
}
