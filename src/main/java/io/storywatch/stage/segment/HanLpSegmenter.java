package io.storywatch.stage.segment;

import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import io.storywatch.event.Sentence;
import io.storywatch.event.Token;
import io.storywatch.story.StoryDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * HanLP's Viterbi segmenter with name recognition, optionally with a private dictionary of words it must keep whole
 * (a story's names), so that 伊利亚 is not cut into 伊利 + 亚 and no other segmenter is affected.
 */
public final class HanLpSegmenter implements Segmenter {

    private final Segment segment;
    private final String version;

    private HanLpSegmenter(Segment segment, String version) {
        this.segment = segment;
        this.version = version;
    }

    /** HanLP as shipped: its bundled dictionaries only. */
    public static HanLpSegmenter stock() {
        return new HanLpSegmenter(HanLp.viterbi(HanLp.stockDictionary(), false), HanLp.VERSION + ":viterbi");
    }

    /** HanLP with the given words kept whole; {@code dictionaryLabel} names them in {@link #version()}. */
    public static HanLpSegmenter withWords(List<DictionaryWord> words, String dictionaryLabel) {
        DynamicCustomDictionary dictionary = HanLp.privateDictionary(words);
        return new HanLpSegmenter(HanLp.viterbi(dictionary, false),
                HanLp.VERSION + ":viterbi+" + dictionaryLabel);
    }

    /** HanLP with every name and role noun of the story kept whole. */
    public static HanLpSegmenter forStory(StoryDefinition story) {
        return withWords(StoryLexicon.words(story), "story:" + story.label());
    }

    /**
     * HanLP with every name and role noun of each story kept whole: the segmenter of a run following several stories
     * (one story: {@link #forStory}).
     */
    public static HanLpSegmenter forStories(List<StoryDefinition> stories) {
        if (stories.size() == 1) {
            return forStory(stories.get(0));
        }
        java.util.LinkedHashSet<DictionaryWord> words = new java.util.LinkedHashSet<>();
        stories.forEach(story -> words.addAll(StoryLexicon.words(story)));
        return withWords(List.copyOf(words), "story:" + String.join("+",
                stories.stream().map(StoryDefinition::label).toList()));
    }

    /**
     * The generic name finder, also recognising places and organisations: what {@code evaluate ner} measures. With
     * a story its names are kept whole as well.
     */
    public static HanLpSegmenter nameFinder(StoryDefinition storyOrNull) {
        if (storyOrNull == null) {
            return new HanLpSegmenter(HanLp.viterbi(HanLp.stockDictionary(), true), HanLp.VERSION + ":viterbi-ner");
        }
        return new HanLpSegmenter(HanLp.viterbi(HanLp.privateDictionary(StoryLexicon.words(storyOrNull)), true),
                HanLp.VERSION + ":viterbi-ner+story:" + storyOrNull.label());
    }

    @Override
    public List<Sentence> segment(String text) {
        List<Sentence> sentences = new ArrayList<>();
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            String sentenceText = text.substring(span.start(), span.end());
            sentences.add(new Sentence(sentences.size(), span.start(), span.end(), sentenceText,
                    tokens(sentenceText, span.start())));
        }
        return sentences;
    }

    /** Words of one piece of text without sentence splitting, offsets relative to {@code base}. */
    public List<Token> tokens(String piece, int base) {
        List<Token> tokens = new ArrayList<>();
        int cursor = 0;
        for (Term term : segment.seg(piece)) {
            String word = term.word;
            int at = term.offset;
            if (at < cursor || !piece.startsWith(word, at)) {
                at = piece.indexOf(word, cursor);
                if (at < 0) {
                    continue;
                }
            }
            cursor = at + word.length();
            if (!word.isBlank()) {
                tokens.add(new Token(word, term.nature == null ? "x" : term.nature.toString(), base + at,
                        base + at + word.length()));
            }
        }
        return tokens;
    }

    @Override
    public String version() {
        return version;
    }
}
