package io.storywatch.stage.score;

/**
 * Scores how one sentence presents each of its targets. Kafka-free, so the stream stage, {@code analyze} and
 * {@code evaluate} score a sentence the same way.
 */
public interface SentimentModel {

    SentenceSentiment score(SentenceInput sentence);

    /** Scores an article's sentences together, in order; a model that batches its work overrides this. */
    default java.util.List<SentenceSentiment> scoreAll(java.util.List<SentenceInput> sentences) {
        return sentences.stream().map(this::score).toList();
    }

    /** Names the lexicon and model that produced a score; it goes into every output's versions. */
    String version();

    /**
     * How many stream threads the score stage runs this model on: one for a model that costs little per article; a
     * model that costs tens of milliseconds of CPU per article keeps more cores busy with more.
     */
    default int streamThreads() {
        return 1;
    }
}
