package io.storywatch.stage.tag;

import io.storywatch.story.StoryEntity;

/** Something a pronoun or role noun can point back to: a story entity or a name the story does not know. */
record Referent(int start, int sentence, StoryEntity entity, String unlinkedType) {

    static Referent of(int start, int sentence, StoryEntity entity) {
        return new Referent(start, sentence, entity, null);
    }

    boolean isPerson() {
        return entity != null ? entity.isPerson() : StoryEntity.PERSON.equals(unlinkedType);
    }
}
