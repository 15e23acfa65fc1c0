package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    @Test
    void shouldCutCharacterGramsBetweenCharactersNeverInsideASurrogatePair() {
        List<String> grams = new ArrayList<>();

        TextFeatures.charGrams("好👍𠀋", "c", grams);

        assertEquals(List.of("c1:好", "c1:👍", "c1:𠀋", "c2:好👍", "c2:👍𠀋", "c3:好👍𠀋"), grams);
    }

    @Test
    void shouldGiveOnlyWellFormedFeaturesForTextFullOfEmoji() {
        TextFeatures features = new TextFeatures(new RuleSentimentModel(SentimentLexicon.loadDefault()));

        List<String> stance = features.stance("👍👍 支持奥特曼回归🎉，太棒了😀", "奥特曼");

        assertTrue(stance.contains("c1:🎉"), stance.toString());
        for (String feature : stance) {
            assertTrue(feature.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE),
                    "half a surrogate pair in " + feature);
        }
    }
}
