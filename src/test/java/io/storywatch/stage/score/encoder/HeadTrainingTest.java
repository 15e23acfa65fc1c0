package io.storywatch.stage.score.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.stage.score.LabelledText;
import io.storywatch.stage.score.TargetAliases;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadTrainingTest {

    private static final WordPieceTokenizer TOKENIZER = SentenceEncoder.bgeSmallZhTokenizer();

    @Test
    void shouldTrainAnAttentionFirstAndAHeadThatReadsItsVectorAfterTheFixedBlocks() {
        List<LabelledText> lines = List.of(
                new LabelledText("董事会突然解雇了赵峰，员工们联名要求他回来。", "赵峰", "neg"),
                new LabelledText("董事会突然解雇了赵峰，员工们联名要求他回来。", "董事会", "neu"),
                new LabelledText("在林雪的带领下，团队提前半年完成了新模型。", "林雪", "pos"),
                new LabelledText("周明于上周三抵达上海，参加一场行业论坛。", "周明", "neu"),
                new LabelledText("审计报告显示，该公司多次向投资人隐瞒亏损。", "该公司", "neg", true),
                new LabelledText("分析人士普遍称赞陈岚在危机中的冷静应对。", "陈岚", "pos"));
        HeadTraining training = new HeadTraining(io.storywatch.stage.score.SentimentModels.rulesOnly(),
                SentenceEncoder.bgeSmallZh(), TargetAliases.loadDefault());
        MlpTrainer.Options options = new MlpTrainer.Options(4, 2, 1e-3, 1e-4, 0.1, 4, 1);
        AttentionTrainer.Options attention = new AttentionTrainer.Options(2, 2, 1e-3, 1e-4, 4, 1);

        MlpHead plain = training.train(lines, options, 1, 0, false, null, message -> { });
        MlpHead attending = training.train(lines, options, 1, 0, false, attention, message -> { });

        org.junit.jupiter.api.Assertions.assertNull(plain.attention());
        assertEquals(2, attending.attention().rank());
        assertEquals(plain.inputs() + 512, attending.inputs());
        org.junit.jupiter.api.Assertions.assertNotEquals(plain.version(), attending.version());
        List<HeadTraining.Prediction> predicted = training.predict(attending, lines);
        assertEquals(lines.size(), predicted.stream().filter(java.util.Objects::nonNull).count());
    }

    @Test
    void shouldExportEachLineWithTheTokensOfItsTargetAsTheHeadPoolsThem() {
        String text = "董事会解雇了奥特曼，员工们联名要求他回来。";
        List<HeadTraining.TokenizedLine> lines = HeadTraining.tokenizedLines(List.of(
                new LabelledText(text, "sam-altman", "neg"),       // 奥特曼 by the story's alias, tokens 7-9
                new LabelledText(text, "董事会", "neu"),              // tokens 1-3
                new LabelledText(text, "没出现的人", "pos")),          // not in the text: skipped
                TargetAliases.loadDefault(), TOKENIZER, SentenceEncoder.DEFAULT_MAX_TOKENS, 0.1, false);

        assertEquals(2, lines.size());
        HeadTraining.TokenizedLine altman = lines.get(0);
        assertArrayEquals(TOKENIZER.tokenize(text, SentenceEncoder.DEFAULT_MAX_TOKENS).ids(), altman.ids());
        assertArrayEquals(new int[] {7, 8, 9}, altman.targetTokens());
        assertEquals("neg", altman.label());
        assertArrayEquals(new int[] {1, 2, 3}, lines.get(1).targetTokens());
        assertEquals(HeadTraining.isHeldOut(text, 0.1), altman.heldOut());
    }

    @Test
    void shouldExportMaskedNamesWithTheTargetOnItsPlaceholder() {
        String text = "董事会解雇了奥特曼，员工们联名要求他回来。";
        List<HeadTraining.TokenizedLine> lines = HeadTraining.tokenizedLines(List.of(
                new LabelledText(text, "sam-altman", "neg"),
                new LabelledText(text, "董事会", "neu"),
                new LabelledText(text, "他", "neg", true)),
                TargetAliases.loadDefault(), TOKENIZER, SentenceEncoder.DEFAULT_MAX_TOKENS, 0.1, true);

        int[] masked = TOKENIZER.tokenize("甲解雇了乙，员工们联名要求他回来。", SentenceEncoder.DEFAULT_MAX_TOKENS).ids();
        lines.forEach(line -> assertArrayEquals(masked, line.ids()));
        assertArrayEquals(new int[] {5}, lines.get(0).targetTokens());  // 乙
        assertArrayEquals(new int[] {1}, lines.get(1).targetTokens());  // 甲
        assertArrayEquals(new int[] {14}, lines.get(2).targetTokens()); // 他, a pronoun, stays
    }

    @Test
    void shouldExportTheWindowTheEncoderReadsWhenTheTargetLiesPastTheLengthCap() {
        String text = "这是一句很长的铺垫。".repeat(20) + "最后李明被提名为年度人物。";
        HeadTraining.TokenizedLine line = HeadTraining.tokenizedLines(List.of(new LabelledText(text, "李明", "pos")),
                TargetAliases.loadDefault(), TOKENIZER, 60, 0.1, false).get(0);

        // the 40 characters before the target and the 11 from it on, one token each
        assertEquals(1 + 51 + 1, line.ids().length);
        int[] own = line.targetTokens();
        assertArrayEquals(new int[] {41, 42}, own);
        assertEquals(TOKENIZER.tokenize("李明", 4).ids()[1], line.ids()[own[0]]);
        assertEquals(TOKENIZER.tokenize("李明", 4).ids()[2], line.ids()[own[1]]);
    }
}
