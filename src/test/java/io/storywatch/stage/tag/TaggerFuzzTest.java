package io.storywatch.stage.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.Mention;
import io.storywatch.event.Sentence;
import io.storywatch.event.UnlinkedName;
import io.storywatch.fuzz.FuzzText;
import io.storywatch.stage.ingest.ArticleCleaner;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.stage.segment.SegmentStage;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryEntity;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tagger on any article ingest lets through, segmented as the segment stage does: every mention and unknown name
 * lies inside its own sentence and reads as the text there, entities are the story's, relevance is a share.
 */
class TaggerFuzzTest {

    private static final StoryDefinition STORY = Stories.defaultStory();
    private static final Set<String> STORY_ENTITIES =
            STORY.entities().stream().map(StoryEntity::id).collect(Collectors.toSet());
    private static final ArticleCleaner CLEANER = new ArticleCleaner();
    private static final HanLpSegmenter SEGMENTER = HanLpSegmenter.forStory(STORY);
    private static final EntityTagger TAGGER = new EntityTagger();

    @FuzzTest(maxDuration = "10s")
    void mentionsStayInsideTheirSentences(byte[] bytes) {
        for (String text : FuzzText.readings(bytes)) {
            EntitiesTagged tagged = tag(text);
            if (tagged != null) {
                assertTagged(tagged);
            }
        }
    }

    /** The tag stage's output for a text, or null when ingest would reject it. */
    static EntitiesTagged tag(String text) {
        if (!(CLEANER.clean(FuzzText.article(text)) instanceof ArticleCleaner.Cleaned cleaned)) {
            return null;
        }
        ArticleCleaned article = cleaned.article();
        ArticleSegmented segmented = SegmentStage.segmented(article, SEGMENTER);
        return TAGGER.tag(segmented, STORY);
    }

    static void assertTagged(EntitiesTagged tagged) {
        String text = tagged.text();
        List<Sentence> sentences = tagged.sentences();
        for (EntityMentions entity : tagged.entities()) {
            assertTrue(STORY_ENTITIES.contains(entity.id()), "not an entity of the story: " + entity.id());
            assertFalse(entity.mentions().isEmpty(), "an entity without mentions: " + entity.id());
            for (Mention mention : entity.mentions()) {
                assertInSentence(text, sentences, mention.sentence(), mention.start(), mention.end(),
                        mention.text(), "mention of " + entity.id());
                assertTrue(mention.confidence() > 0 && mention.confidence() <= 1,
                        "confidence " + mention.confidence() + " of " + entity.id());
                assertTrue(mention.implicit() || mention.confidence() == 1.0, "a named mention is certain");
            }
        }
        for (UnlinkedName name : tagged.unlinked()) {
            assertNotNull(name.type());
            assertInSentence(text, sentences, name.sentence(), name.start(), name.end(), name.text(),
                    "unknown name");
        }
        assertTrue(tagged.relevance() >= 0 && tagged.relevance() <= 1, "relevance " + tagged.relevance());
        assertEquals(tagged.relevance() >= EntityTagger.RELEVANCE_THRESHOLD, tagged.relevant());
    }

    private static void assertInSentence(String text, List<Sentence> sentences, int index, int start, int end,
                                         String spanText, String what) {
        assertTrue(index >= 0 && index < sentences.size(), what + " in sentence " + index + " of "
                + sentences.size());
        Sentence sentence = sentences.get(index);
        assertTrue(start >= sentence.start() && end <= sentence.end() && start < end,
                what + " [" + start + ", " + end + ") outside its sentence [" + sentence.start() + ", "
                        + sentence.end() + ")");
        FuzzText.assertSpan(text, start, end, what);
        assertEquals(text.substring(start, end), spanText, what + " does not read as the text at its offsets");
    }
}
