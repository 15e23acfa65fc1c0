package io.storywatch.stage.tag;

/** How many context words speak for and against each entity, per sentence and in the whole article. */
final class CueCounts {

    /** Cues for or against one entity in one stretch of text. */
    record Tally(int positive, int negative) {
        static final Tally NONE = new Tally(0, 0);
    }

    /** [sentence][2 * entity index + (0 for, 1 against)]; the article's in the last row. */
    private final int[][] counts;
    private final CompiledStory story;

    private CueCounts(int[][] counts, CompiledStory story) {
        this.counts = counts;
        this.story = story;
    }

    Tally inSentence(int sentence, String entityId) {
        return at(sentence, entityId);
    }

    Tally inArticle(String entityId) {
        return at(counts.length - 1, entityId);
    }

    private Tally at(int row, String entityId) {
        Integer entity = story.index.get(entityId);
        if (row < 0 || row >= counts.length || entity == null) {
            return Tally.NONE;
        }
        return new Tally(counts[row][2 * entity], counts[row][2 * entity + 1]);
    }

    /** Collects counts while the automaton scans; {@link #build()} hands them over once. */
    static final class Builder {
        private final int[][] counts;
        private final CompiledStory story;

        Builder(int sentences, CompiledStory story) {
            this.counts = new int[sentences + 1][2 * story.index.size()];
            this.story = story;
        }

        void add(int sentence, CompiledStory.Cue cue) {
            int slot = 2 * cue.entityIndex() + (cue.positive() ? 0 : 1);
            if (sentence >= 0) {
                counts[sentence][slot]++;
            }
            counts[counts.length - 1][slot]++;
        }

        CueCounts build() {
            return new CueCounts(counts, story);
        }
    }
}
