package io.storywatch.stage.segment;

import io.storywatch.event.Sentence;
import java.util.List;

/** Splits a text into sentences of part-of-speech tagged words; offsets index the given text in UTF-16 units. */
public interface Segmenter {

    List<Sentence> segment(String text);

    /** Names the segmenter and its dictionary, recorded in every event it produced. */
    String version();
}
