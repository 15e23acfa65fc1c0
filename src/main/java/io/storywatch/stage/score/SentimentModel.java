package io.storywatch.stage.score;

/**
 * Scores how one sentence presents each of its targets. Kafka-free, so the stream stage, {@code analyze} and
 * {@code evaluate} score a sentence the same way.
 */
public interface SentimentModel {

    SentenceSentiment score(SentenceInput sentence);

    /** Names the lexicon and model that produced a score; it goes into every output's versions. */
    String version();
}
