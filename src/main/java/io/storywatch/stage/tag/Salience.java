package io.storywatch.stage.tag;

import io.storywatch.story.StoryEntity;
import java.util.List;

/**
 * The article's main players, the ones a reader takes 他, 她 or 该公司 to mean when nothing nearer fits: those the
 * headline names first, else those named most often (the earlier on a tie).
 */
record Salience(List<StoryEntity> people, StoryEntity organisation) {

    /** The most salient person a pronoun of this gender can denote (an entity without gender fits any), or null. */
    StoryEntity person(String gender) {
        for (StoryEntity person : people) {
            if (gender == null || person.gender() == null || person.gender().equals(gender)) {
                return person;
            }
        }
        return null;
    }
}
