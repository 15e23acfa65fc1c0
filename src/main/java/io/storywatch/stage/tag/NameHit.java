package io.storywatch.stage.tag;

import io.storywatch.stage.tag.CompiledStory.Sense;
import java.util.List;

/** A name of the story found in the text and the senses it could have. */
record NameHit(int start, int end, List<Sense> senses) {

    int length() {
        return end - start;
    }
}
