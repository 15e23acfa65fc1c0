package io.storywatch.stage.tag;

import io.storywatch.event.Mention;
import io.storywatch.story.StoryEntity;

/** One mention and the story entity it refers to. */
record EntityMention(StoryEntity entity, Mention mention) {
}
