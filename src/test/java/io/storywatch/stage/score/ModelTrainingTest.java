package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainingTest {

    @TempDir
    Path dir;

    /** Hand-written target sentences: who is fired or praised, named by id. */
    static List<LabelledText> targetSentences() {
        List<LabelledText> lines = new ArrayList<>();
        String[] people = {"奥特曼", "布罗克曼", "苏茨克维", "莱克", "阿莫迪", "托纳"};
        String[] ids = {"sam-altman", "greg-brockman", "ilya-sutskever", "jan-leike", "dario-amodei", "helen-toner"};
        for (int i = 0; i < people.length; i++) {
            lines.add(new LabelledText("董事会突然解雇了" + people[i] + "。", ids[i], "neg"));
            lines.add(new LabelledText("员工们纷纷批评" + people[i] + "的决定。", ids[i], "neg"));
            lines.add(new LabelledText(people[i] + "的远见广受好评。", ids[i], "pos"));
            lines.add(new LabelledText("投资人力挺" + people[i] + "。", ids[i], "pos"));
            lines.add(new LabelledText(people[i] + "周二出席了发布会。", ids[i], "neu"));
            lines.add(new LabelledText(people[i] + "于2016年加入公司。", ids[i], "neu"));
        }
        return lines;
    }

    @Test
    void shouldLearnTargetSentimentFromHandWrittenSentencesAndRoundTrip() {
        ModelTraining training = ModelTraining.withDefaults(TrainingTask.TARGET_SENTIMENT);
        List<LabelledText> lines = targetSentences();
        LinearClassifier model = training.train(lines, LinearClassifier.Options.DEFAULT);
        int correct = 0;
        for (LabelledText line : lines) {
            correct += training.predict(model, line).label().equals(line.label()) ? 1 : 0;
        }
        assertTrue(correct >= lines.size() - 2, "fits its own training data: " + correct + "/" + lines.size());

        Path file = dir.resolve("ts.json");
        model.save(file);
        LinearClassifier loaded = LinearClassifier.load(file);
        LabelledText unseen = new LabelledText("董事会解雇了穆拉蒂。", "穆拉蒂", null);
        assertEquals(training.predict(model, unseen), training.predict(loaded, unseen));
        assertEquals("neg", training.predict(loaded, unseen).label());
        assertTrue(training.predict(loaded, unseen).score() < 0);
    }

    @Test
    void shouldNameTheModelByItsTrainingData() {
        ModelTraining training = ModelTraining.withDefaults(TrainingTask.TARGET_SENTIMENT);
        List<LabelledText> lines = targetSentences();
        assertEquals(training.version(lines), training.version(new ArrayList<>(lines)));
        assertNotEquals(training.version(lines), training.version(lines.subList(1, lines.size())));
        assertTrue(training.version(lines).startsWith("target-sentiment-"));
    }

    @Test
    void shouldLearnPolarityAndStance() {
        ModelTraining polarity = ModelTraining.withDefaults(TrainingTask.POLARITY);
        List<LabelledText> reviews = List.of(
                new LabelledText("房间干净，服务热情，非常满意。", null, "pos"),
                new LabelledText("早餐丰富，位置方便，值得推荐。", null, "pos"),
                new LabelledText("前台态度很好，下次还来。", null, "pos"),
                new LabelledText("房间又脏又吵，非常失望。", null, "neg"),
                new LabelledText("服务太差，再也不来了。", null, "neg"),
                new LabelledText("设施陈旧，价格还贵，不推荐。", null, "neg"));
        LinearClassifier model = polarity.train(reviews, LinearClassifier.Options.DEFAULT);
        assertEquals("pos", polarity.predict(model, new LabelledText("服务热情，很满意。", null, null)).label());
        assertEquals("neg", polarity.predict(model, new LabelledText("又脏又吵，太差了。", null, null)).label());

        ModelTraining stance = ModelTraining.withDefaults(TrainingTask.STANCE);
        List<LabelledText> posts = List.of(
                new LabelledText("强烈支持开放二胎，早该如此", "开放二胎", "FAVOR"),
                new LabelledText("开放二胎是好事，支持", "开放二胎", "FAVOR"),
                new LabelledText("坚决反对，养不起", "开放二胎", "AGAINST"),
                new LabelledText("反对，压力太大了", "开放二胎", "AGAINST"),
                new LabelledText("今天新闻说了这个政策", "开放二胎", "NONE"),
                new LabelledText("转发一下这个消息", "开放二胎", "NONE"));
        LinearClassifier stanceModel = stance.train(posts, LinearClassifier.Options.DEFAULT);
        assertEquals(List.of("AGAINST", "FAVOR", "NONE"), stanceModel.labels());
        assertEquals("FAVOR", stance.predict(stanceModel, new LabelledText("支持，早该如此", "开放二胎", null)).label());
        assertEquals("AGAINST", stance.predict(stanceModel, new LabelledText("坚决反对", "开放二胎", null)).label());
    }
}
