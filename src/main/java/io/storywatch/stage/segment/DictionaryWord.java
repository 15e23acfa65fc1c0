package io.storywatch.stage.segment;

/** A word a segmenter must keep whole, with the part of speech (HanLP/PKU tag) and frequency it gets. */
public record DictionaryWord(String word, String pos, int frequency) {
}
