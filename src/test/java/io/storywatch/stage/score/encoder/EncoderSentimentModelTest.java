package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.stage.score.Labelling;
import io.storywatch.stage.score.SentenceInput;
import io.storywatch.stage.score.SentenceSentiment;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.stage.score.TargetSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderSentimentModelTest {

    private static final EncoderSentimentModel MODEL = SentimentModels.withShippedHead();

    private static SentenceInput sentence(String text, String... names) {
        List<TargetSpan> spans = new java.util.ArrayList<>();
        for (String name : names) {
            int at = text.indexOf(name);
            spans.add(TargetSpan.named(name, at, at + name.length()));
        }
        return SentenceInput.of(text, spans);
    }

    private static String label(SentenceSentiment sentiment, String target) {
        return Labelling.DEFAULT.label(sentiment.targets().get(target));
    }

    @Test
    void shouldReadPraiseBlameAndPlainReportFromSentencesItNeverSaw() {
        List<SentenceSentiment> scored = MODEL.scoreAll(List.of(
                sentence("在林涛的带领下，这家小厂三年内成了行业龙头，员工们都说跟着他干心里踏实。", "林涛"),
                sentence("起诉书指控周明多次向投资人隐瞒巨额亏损，并伪造了审计报告。", "周明"),
                sentence("周明于2019年加入该集团，此前在一家会计师事务所工作。", "周明")));

        assertEquals("pos", label(scored.get(0), "林涛"));
        assertEquals("neg", label(scored.get(1), "周明"));
        assertEquals("neu", label(scored.get(2), "周明"));
    }

    @Test
    void shouldJudgeEachTargetOfOneSentenceOnItsOwn() {
        SentenceSentiment scored = MODEL.score(sentence("星岚科技起诉前合作方青木数据窃取其核心代码。", "星岚科技", "青木数据"));

        assertEquals("neg", label(scored, "青木数据"));
        assertTrue(scored.targets().get("星岚科技") > scored.targets().get("青木数据"));
    }

    @Test
    void shouldScoreAnArticleInOneBatchAsItScoresEachSentenceAlone() {
        List<SentenceInput> sentences = List.of(sentence("王蕾被同事誉为公司里最可靠的人。", "王蕾"),
                SentenceInput.of("会议于周三下午举行。", List.of()),
                sentence("批评者称王蕾在危机中一言不发，辜负了股东的信任。", "王蕾"));
        List<SentenceSentiment> batched = MODEL.scoreAll(sentences);

        for (int s = 0; s < sentences.size(); s++) {
            SentenceSentiment alone = MODEL.score(sentences.get(s));
            assertEquals(alone.targets().keySet(), batched.get(s).targets().keySet());
            for (String target : alone.targets().keySet()) {
                assertEquals(alone.targets().get(target), batched.get(s).targets().get(target), 1e-4);
            }
        }
        assertTrue(batched.get(1).targets().isEmpty());
    }

    @Test
    void shouldScoreATargetBeyondTheEncodersLengthLimitFromAWindowThatStartsShortlyBeforeIt() {
        String filler = "据公开资料显示，这座城市在过去十年间修建了多条地铁线路和数十座公园，人口也随之增长。".repeat(6);
        String tail = "诉状称赵峰长期挪用公款并威胁举报人。";
        String text = filler + tail;
        int at = text.indexOf("赵峰");
        String window = text.substring(at - 40);
        float[] whole = encoderBlocks(sentence(text, "赵峰"));
        float[] windowed = encoderBlocks(sentence(window, "赵峰"));

        assertTrue(text.length() > SentenceEncoder.DEFAULT_MAX_TOKENS);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(windowed[i], whole[i], 1e-5, "encoder input " + i);
        }
    }

    /** The encoder's part of a target's features (the rules' numbers after it read the whole sentence). */
    private static float[] encoderBlocks(SentenceInput input) {
        List<java.util.Map<String, float[]>> features = new java.util.ArrayList<>();
        MODEL.targetFeatures(List.of(input), MODEL.head().facts(), features);
        return java.util.Arrays.copyOf(features.get(0).get("赵峰"), TargetFeatures.BLOCKS * 512);
    }

    @Test
    void shouldEncodeTheSentenceWithItsTargetsNamesMaskedWhenTheHeadWasTrainedSo() {
        EncoderSentimentModel masking = new EncoderSentimentModel(SentimentModels.rulesOnly(),
                SentenceEncoder.bgeSmallZh(), MODEL.head().withMaskedNames(true));
        SentenceInput named = sentence("起诉书指控周明向投资人隐瞒亏损，审计机构也受到牵连。", "周明", "审计机构");
        SentenceInput placeholders = sentence("起诉书指控甲向投资人隐瞒亏损，乙也受到牵连。", "甲", "乙");

        List<java.util.Map<String, float[]>> read = new java.util.ArrayList<>();
        masking.targetFeatures(List.of(named), MODEL.head().facts(), read);
        List<java.util.Map<String, float[]>> expected = new java.util.ArrayList<>();
        MODEL.targetFeatures(List.of(placeholders), MODEL.head().facts(), expected);

        int encoderPart = TargetFeatures.BLOCKS * 512;
        for (String[] pair : new String[][] {{"周明", "甲"}, {"审计机构", "乙"}}) {
            float[] got = read.get(0).get(pair[0]);
            float[] want = expected.get(0).get(pair[1]);
            for (int i = 0; i < encoderPart; i++) {
                assertEquals(want[i], got[i], 1e-5, pair[0] + ", encoder input " + i);
            }
        }
    }

    @Test
    void shouldAppendItsAttentionsVectorOfTheTargetsWindowAfterTheFixedFeatures() {
        java.util.Random random = new java.util.Random(8);
        float[] wq = new float[2 * 512];
        float[] wk = new float[2 * 512];
        for (int i = 0; i < wq.length; i++) {
            wq[i] = (float) random.nextGaussian();
            wk[i] = (float) random.nextGaussian();
        }
        TargetAttention attention = new TargetAttention(2, 512, wq, wk, new float[TargetWindow.BUCKETS]);
        EncoderSentimentModel attending = new EncoderSentimentModel(SentimentModels.rulesOnly(),
                SentenceEncoder.bgeSmallZh(), MODEL.head().withAttention(attention));
        SentenceInput input = sentence("董事会突然解雇了赵峰，员工们联名要求他回来。", "赵峰");

        List<java.util.Map<String, float[]>> read = new java.util.ArrayList<>();
        attending.targetFeatures(List.of(input), MODEL.head().facts(), read);
        List<java.util.Map<String, float[]>> plain = new java.util.ArrayList<>();
        MODEL.targetFeatures(List.of(input), MODEL.head().facts(), plain);

        SentenceEncoder encoder = SentenceEncoder.bgeSmallZh();
        TargetText view = TargetText.of(input, "赵峰", encoder.tokenizer(), encoder.maxTokens(), false);
        float[] pooled = attention.pool(TargetWindow.of(encoder.encode(List.of(view.tokens())).get(0), view.spans()));
        float[] got = read.get(0).get("赵峰");
        float[] fixed = plain.get(0).get("赵峰");
        assertEquals(fixed.length + 512, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(i < fixed.length ? fixed[i] : pooled[i - fixed.length], got[i], 1e-5, "feature " + i);
        }
    }

    @Test
    void shouldNameTheRulesTheEncoderAndTheHeadInItsVersion() {
        String version = MODEL.version();

        assertTrue(version.startsWith("rules-"), version);
        assertTrue(version.contains("+bge-small-zh-v1.5-q+target-sentiment-head-"), version);
    }
}
