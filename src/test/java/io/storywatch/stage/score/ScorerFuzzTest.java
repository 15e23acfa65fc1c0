package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.ScoredSentence;
import io.storywatch.event.StanceScored;
import io.storywatch.event.Token;
import io.storywatch.fuzz.FuzzText;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.story.Faction;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.Stories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules scorer on any article the tagger produces, and on any sentence with targets anywhere in it: every score
 * is a number in [-1, 1] with its label, and only entities the article names are scored.
 */
class ScorerFuzzTest {

    private static final StoryDefinition STORY = Stories.defaultStory();
    private static final RuleSentimentModel RULES = SentimentModels.rulesOnly();
    private static final ArticleScorer SCORER = ArticleAnalyzer.scorerFor(STORY, RULES);
    private static final ArticleAnalyzer ANALYZER = ArticleAnalyzer.forStory(STORY, RULES);
    private static final HanLpSegmenter SEGMENTER = HanLpSegmenter.forStory(STORY);
    private static final Set<String> LABELS = Set.of("pos", "neg", "neu");
    private static final Set<String> FACTION_LABELS = Set.of("pos", "neg", "neu", "mixed", "absent");

    @FuzzTest(maxDuration = "10s")
    void scoresOfAnyTaggedArticleAreLabelledAndInRange(byte[] bytes) {
        for (String text : FuzzText.readings(bytes)) {
            EntitiesTagged tagged = ANALYZER.tagged(FuzzText.article(text));
            if (tagged != null) {
                assertScored(tagged, SCORER.score(tagged));
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void rulesScoreAnyTargetSpanInRange(FuzzedDataProvider data) {
        int spans = data.consumeInt(0, 4);
        List<TargetSpan> targets = new ArrayList<>();
        List<int[]> bounds = new ArrayList<>();
        for (int i = 0; i < spans; i++) {
            bounds.add(new int[] {data.consumeInt(0, 400), data.consumeInt(0, 400), data.consumeInt(0, 2)});
        }
        String text = data.consumeRemainingAsString();
        for (int[] b : bounds) {
            int start = Math.min(b[0], text.length());
            int end = Math.min(Math.max(start, b[1]), text.length());
            if (start < end) {
                targets.add(new TargetSpan("target-" + b[2], start, end, b[2] == 2, b[2] == 2 ? 0.7 : 1.0));
            }
        }
        List<Token> tokens = SEGMENTER.tokens(text, 0);
        SentenceSentiment sentiment = RULES.score(new SentenceInput(text, tokens, targets));
        assertInRange(sentiment.sentiment(), "sentence");
        Set<String> named = targets.stream().map(TargetSpan::target).collect(Collectors.toSet());
        sentiment.targets().forEach((target, score) -> {
            assertTrue(named.contains(target), "scored a target the sentence does not refer to: " + target);
            assertInRange(score, target);
        });
    }

    static void assertScored(EntitiesTagged tagged, StanceScored scored) {
        assertEquals(tagged.sentences().size(), scored.sentences().size());
        Set<String> entities = tagged.entities().stream().map(EntityMentions::id).collect(Collectors.toSet());
        for (ScoredSentence sentence : scored.sentences()) {
            assertInRange(sentence.sentiment(), "sentence " + sentence.index());
            sentence.targets().forEach((target, score) -> {
                assertTrue(entities.contains(target), "sentence " + sentence.index() + " scores " + target
                        + ", which the article does not name");
                assertInRange(score.score(), target);
                assertTrue(LABELS.contains(score.label()), "label " + score.label());
            });
        }
        assertEquals(entities, scored.entityScores().keySet());
        scored.entityScores().forEach((entity, score) -> {
            assertInRange(score.score(), entity);
            assertTrue(LABELS.contains(score.label()), "label " + score.label());
        });
        Set<String> factions = STORY.factions().stream().map(Faction::id).collect(Collectors.toSet());
        assertEquals(factions, scored.factions().keySet());
        for (Map.Entry<String, io.storywatch.event.FactionScore> faction : scored.factions().entrySet()) {
            assertInRange(faction.getValue().score(), faction.getKey());
            assertTrue(FACTION_LABELS.contains(faction.getValue().label()), "label " + faction.getValue().label());
        }
    }

    private static void assertInRange(double score, String what) {
        assertTrue(score >= -1 && score <= 1, what + " scored " + score);
    }
}
