package io.storywatch.stage.segment;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.collection.trie.bintrie.BinTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.dictionary.DynamicCustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.Viterbi.ViterbiSegment;
import com.hankcs.hanlp.utility.Predefine;
import java.util.logging.Level;

/**
 * The one place HanLP's global configuration is touched: set once here, every segmenter is then built from values
 * (its own custom dictionary instead of HanLP's shared static one).
 */
final class HanLp {

    static final String VERSION = "hanlp-portable-1.8.6";

    static {
        HanLP.Config.DEBUG = false;
        HanLP.Config.ShowTermNature = true;
        HanLP.Config.Normalization = false;
        Predefine.logger.setLevel(Level.WARNING);
    }

    private HanLp() {
    }

    /** HanLP's own custom dictionary, shared read-only. */
    static DynamicCustomDictionary stockDictionary() {
        return CustomDictionary.DEFAULT;
    }

    /**
     * A private dictionary: HanLP's bundled custom words (read-only, shared) plus a trie of our own words that no
     * other segmenter sees. Words go straight into the private trie: {@code DynamicCustomDictionary.insert} would
     * overwrite entries of the shared array in place.
     */
    static DynamicCustomDictionary privateDictionary(Iterable<DictionaryWord> words) {
        BinTrie<CoreDictionary.Attribute> own = new BinTrie<>();
        for (DictionaryWord word : words) {
            own.put(word.word(), new CoreDictionary.Attribute(
                    com.hankcs.hanlp.corpus.tag.Nature.create(word.pos()), word.frequency()));
        }
        return new DynamicCustomDictionary(CustomDictionary.DEFAULT.dat, own, null);
    }

    /** The Viterbi segmenter with Chinese and transliterated name recognition; optionally places and organisations. */
    static Segment viterbi(DynamicCustomDictionary dictionary, boolean placesAndOrganizations) {
        Segment segment = new ViterbiSegment()
                .enableCustomDictionary(dictionary)
                .enableNameRecognize(true)
                .enableTranslatedNameRecognize(true)
                .enablePlaceRecognize(placesAndOrganizations)
                .enableOrganizationRecognize(placesAndOrganizations)
                .enablePartOfSpeechTagging(true)
                .enableOffset(true);
        return segment;
    }
}
