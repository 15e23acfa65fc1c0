package io.storywatch.stage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HanLpSegmenterTest {

    private static HanLpSegmenter stock;
    private static HanLpSegmenter story;

    @BeforeAll
    static void loadHanLp() {
        stock = HanLpSegmenter.stock();
        story = HanLpSegmenter.forStory(Stories.defaultStory());
    }

    private static List<String> words(Segmenter segmenter, String text) {
        return segmenter.segment(text).stream().flatMap(s -> s.tokens().stream()).map(Token::word).toList();
    }

    @Test
    void shouldKeepTheStorysNamesWholeWhereStockHanLpCutsThem() {
        String text = "伊利亚离开后，阿莫迪和布罗克曼都沉默了，简·雷克则发了长文。";

        assertEquals(List.of("伊利亚", "离开", "后", "，", "阿莫迪", "和", "布罗克曼", "都", "沉默", "了", "，", "简·雷克",
                "则", "发", "了", "长文", "。"), words(story, text));
        List<String> stockWords = words(stock, text);
        assertTrue(!stockWords.contains("伊利亚") && !stockWords.contains("阿莫迪") && !stockWords.contains("布罗克曼")
                && !stockWords.contains("简·雷克"), stockWords.toString());
    }

    @Test
    void shouldTagTheStorysPeopleAsPersonNames() {
        List<Token> tokens = story.segment("伊利亚见了奥特曼。").get(0).tokens();

        assertEquals(List.of(new Token("伊利亚", "nr", 0, 3), new Token("见", "v", 3, 4), new Token("了", "ule", 4, 5),
                new Token("奥特曼", "nr", 5, 8), new Token("。", "w", 8, 9)), tokens);
    }

    @Test
    void shouldGiveSentencesAndTokensOffsetsIntoTheWholeText() {
        String text = "OpenAI 发布了新模型。\n奥特曼很高兴！";

        List<Sentence> sentences = story.segment(text);

        assertEquals(2, sentences.size());
        for (Sentence sentence : sentences) {
            assertEquals(sentence.text(), text.substring(sentence.start(), sentence.end()));
            for (Token token : sentence.tokens()) {
                assertEquals(token.word(), text.substring(token.start(), token.end()));
            }
        }
        assertEquals(List.of(0, 1), sentences.stream().map(Sentence::index).toList());
    }

    @Test
    void shouldNotLeakOneStorysDictionaryIntoAnotherSegmenter() {
        StoryDefinition other = Stories.parse("""
                {"id": "other", "version": "1",
                 "entities": [{"id": "zorb", "type": "person", "names": {"zh": ["左布罗克曼"]}}]}
                """, "test");
        HanLpSegmenter otherSegmenter = HanLpSegmenter.forStory(other);
        String text = "左布罗克曼和伊利亚谈过。";

        List<String> withOther = words(otherSegmenter, text);
        List<String> withDefault = words(story, text);
        List<String> withStock = words(HanLpSegmenter.stock(), text);

        assertTrue(withOther.contains("左布罗克曼") && !withOther.contains("伊利亚"), withOther.toString());
        assertTrue(!withDefault.contains("左布罗克曼") && withDefault.contains("伊利亚"), withDefault.toString());
        assertTrue(!withStock.contains("左布罗克曼") && !withStock.contains("伊利亚"), withStock.toString());
    }

    @Test
    void shouldNameItsDictionaryInItsVersion() {
        assertEquals("hanlp-portable-1.8.6:viterbi", stock.version());
        assertEquals("hanlp-portable-1.8.6:viterbi+story:openai-governance@2", story.version());
    }
}
