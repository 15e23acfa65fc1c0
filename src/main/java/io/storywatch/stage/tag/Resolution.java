package io.storywatch.stage.tag;

import io.storywatch.story.StoryEntity;

/** An anaphor resolved: the entity it refers to, the words that refer, and how sure the resolver is. */
record Resolution(StoryEntity entity, int start, int end, int sentence, double confidence) {
}
