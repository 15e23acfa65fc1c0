package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.FactionScore;
import io.storywatch.event.Mention;
import io.storywatch.event.Sentence;
import io.storywatch.event.StanceScored;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArticleScorerTest {

    private static final Set<String> SPEECH = SentimentLexicon.loadDefault().wordsOf(CueKind.SPEECH);
    static final ArticleScorer SCORER = new ArticleScorer(
            new RuleSentimentModel(SentimentLexicon.loadDefault()), List.of("safety", "acceleration"));

    /** A tagged article built from sentences; entities are found by surface form, in every sentence. */
    static EntitiesTagged article(String id, List<String> sentences, List<EntityMentions> entities) {
        StringBuilder text = new StringBuilder();
        List<Sentence> parsed = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int start = text.length();
            text.append(sentences.get(i));
            var tokens = Sentences.tokens(sentences.get(i)).stream()
                    .map(t -> new io.storywatch.event.Token(t.word(), t.pos(), t.start() + start, t.end() + start))
                    .toList();
            parsed.add(new Sentence(i, start, text.length(), sentences.get(i), tokens));
            if (i == 0) {
                text.append('\n');
            }
        }
        return new EntitiesTagged(EntitiesTagged.SCHEMA_VERSION, id, sentences.get(0), text.toString(),
                "2023-11-18T00:00:00Z", "test", null, "zh", "hash-" + id, null, parsed, entities, List.of(),
                0.9, true, Map.of("segmenter", "hanlp-test", "story", "story-test"));
    }

    static EntityMentions entity(String id, List<String> factions, List<Sentence> sentences, String... names) {
        List<Mention> mentions = new ArrayList<>();
        for (Sentence sentence : sentences) {
            for (String name : names) {
                int at = sentence.text().indexOf(name);
                if (at >= 0) {
                    mentions.add(Mention.named(sentence.start() + at, sentence.start() + at + name.length(), name,
                            sentence.index()));
                }
            }
        }
        return new EntityMentions(id, "person", factions, mentions);
    }

    static EntitiesTagged firingArticle() {
        EntitiesTagged bare = article("a1", List.of("OpenAI董事会与奥特曼", "董事会解雇了奥特曼。",
                "苏茨克维事后表示后悔。", "员工力挺奥特曼，批评董事会草率。"), List.of());
        List<EntityMentions> entities = List.of(
                entity("sam-altman", List.of("acceleration"), bare.sentences(), "奥特曼"),
                entity("ilya-sutskever", List.of("safety"), bare.sentences(), "苏茨克维"),
                entity("openai-board", List.of(), bare.sentences(), "董事会"));
        return article("a1", bare.sentences().stream().map(Sentence::text).toList(), entities);
    }

    @Test
    void shouldScoreEachMentionedEntityInEachSentence() {
        StanceScored scored = SCORER.score(firingArticle());
        assertEquals(4, scored.sentences().size());
        assertEquals(Map.of("sam-altman", "neg", "openai-board", "neu"), labels(scored, 1));
        assertEquals(Map.of("sam-altman", "pos", "openai-board", "neg"), labels(scored, 3));
    }

    @Test
    void shouldLabelFactionsIncludingAbsentAndMixed() {
        StanceScored scored = SCORER.score(firingArticle());
        assertEquals("mixed", scored.factions().get("acceleration").label());
        assertEquals(3, scored.factions().get("acceleration").mentions());
        FactionScore safety = scored.factions().get("safety");
        assertEquals(1, safety.mentions());
        assertTrue(List.of("neg", "neu").contains(safety.label()));

        EntitiesTagged noSafety = article("a2", List.of("奥特曼回归", "奥特曼重返OpenAI，大获成功。"), List.of());
        noSafety = article("a2", List.of("奥特曼回归", "奥特曼重返OpenAI，大获成功。"),
                List.of(entity("sam-altman", List.of("acceleration"), noSafety.sentences(), "奥特曼")));
        StanceScored second = SCORER.score(noSafety);
        assertEquals(new FactionScore(0, "absent", 0), second.factions().get("safety"));
        assertEquals("pos", second.factions().get("acceleration").label());
    }

    /** An article about Altman (acceleration) and Sutskever (safety), named in the sentences as written. */
    static StanceScored scoredAbout(List<String> sentences) {
        EntitiesTagged bare = article("a4", sentences, List.of());
        return SCORER.score(article("a4", sentences, List.of(
                entity("sam-altman", List.of("acceleration"), bare.sentences(), "奥特曼"),
                entity("ilya-sutskever", List.of("safety"), bare.sentences(), "苏茨克维"))));
    }

    static List<String> neutralReport(int sentences) {
        List<String> body = List.of("奥特曼出生于美国芝加哥。", "奥特曼曾在斯坦福大学学习计算机。",
                "奥特曼在2015年参与创办OpenAI。", "奥特曼周二在旧金山接受了采访。", "奥特曼的公司位于旧金山。");
        List<String> report = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            report.add(body.get(i % body.size()));
        }
        return report;
    }

    @Test
    void shouldLabelAFactionNegWhenTheHeadlineAttacksItAndTheBodyIsNeutral() {
        List<String> sentences = new ArrayList<>(List.of("奥特曼遭董事会解雇"));
        sentences.addAll(neutralReport(6));
        StanceScored scored = scoredAbout(sentences);
        assertEquals("neg", scored.sentences().get(0).targets().get("sam-altman").label());
        assertEquals("neg", scored.factions().get("acceleration").label());
    }

    @Test
    void shouldKeepALongNeutralReportWithOneCriticalSentenceNeutral() {
        List<String> sentences = new ArrayList<>(List.of("奥特曼接受采访"));
        sentences.addAll(neutralReport(8));
        sentences.add("奥特曼遭到员工批评。");
        StanceScored scored = scoredAbout(sentences);
        assertEquals("neg", scored.sentences().get(9).targets().get("sam-altman").label());
        assertEquals(new FactionScore(scored.factions().get("acceleration").score(), "neu", 10),
                scored.factions().get("acceleration"));
    }

    @Test
    void shouldNotTipALongArticleIntoMixedByVolumeOfMentions() {
        List<String> sentences = new ArrayList<>(List.of("奥特曼接受采访"));
        sentences.addAll(neutralReport(12));
        sentences.add("奥特曼遭到员工批评。");
        sentences.add("奥特曼大获成功。");
        assertEquals("neu", scoredAbout(sentences).factions().get("acceleration").label());

        List<String> twoSided = List.of("奥特曼的得与失", "奥特曼遭到员工批评。", "奥特曼大获成功。", "奥特曼出生于美国芝加哥。");
        assertEquals("mixed", scoredAbout(twoSided).factions().get("acceleration").label());
    }

    @Test
    void shouldReportAFactionMentionedOnlyInPassingAsAbsent() {
        List<String> sentences = new ArrayList<>(List.of("奥特曼接受采访"));
        sentences.addAll(neutralReport(44));
        sentences.add("苏茨克维也出席了活动。");
        StanceScored scored = scoredAbout(sentences);
        assertEquals(new FactionScore(scored.factions().get("safety").score(), "absent", 1),
                scored.factions().get("safety"));

        List<String> shortReport = new ArrayList<>(List.of("奥特曼接受采访"));
        shortReport.addAll(neutralReport(10));
        shortReport.add("苏茨克维也出席了活动。");
        assertEquals("neu", scoredAbout(shortReport).factions().get("safety").label());
    }

    @Test
    void shouldWeighImplicitMentionsByTheirConfidence() {
        EntitiesTagged bare = article("a3", List.of("标题", "奥特曼大获成功。", "他遭到解雇。"), List.of());
        Sentence first = bare.sentences().get(1);
        Sentence second = bare.sentences().get(2);
        EntityMentions altman = new EntityMentions("sam-altman", "person", List.of("acceleration"), List.of(
                Mention.named(first.start(), first.start() + 3, "奥特曼", 1),
                new Mention(second.start(), second.start() + 1, "他", 2, true, 0.25)));
        StanceScored scored = SCORER.score(article("a3", List.of("标题", "奥特曼大获成功。", "他遭到解雇。"), List.of(altman)));
        double pos = scored.sentences().get(1).targets().get("sam-altman").score();
        double neg = scored.sentences().get(2).targets().get("sam-altman").score();
        assertTrue(pos > 0 && neg < 0);
        double expected = Math.round((pos + 0.25 * neg) / 1.25 * 1000) / 1000.0;
        assertEquals(expected, scored.entityScores().get("sam-altman").score(), 1e-9);
        assertEquals(2, scored.entityScores().get("sam-altman").mentions());
    }

    @Test
    void shouldCarryTheInputVersionsAndNameTheSentimentModel() {
        StanceScored scored = SCORER.score(firingArticle());
        assertEquals(Map.of("segmenter", "hanlp-test", "story", "story-test",
                "sentiment", "rules-" + SentimentLexicon.loadDefault().version()), scored.versions());
    }

    private static Map<String, String> labels(StanceScored scored, int sentence) {
        Map<String, String> labels = new java.util.TreeMap<>();
        scored.sentences().get(sentence).targets().forEach((id, t) -> labels.put(id, t.label()));
        return labels;
    }

    @Test
    void shouldLetAPronounStandForThePersonNamedEarlierInTheSentence() {
        String text = "我要特别感谢布罗克曼，没有他，OpenAI今天不会存在。";
        int name = text.indexOf("布罗克曼");
        int openai = text.indexOf("OpenAI");
        int him = text.indexOf("他");
        List<TargetSpan> named = List.of(TargetSpan.named("greg-brockman", name, name + 4),
                TargetSpan.named("openai", openai, openai + 6));
        Map<String, String> types = Map.of("greg-brockman", "person", "openai", "organization");
        assertEquals(List.of(named.get(0), named.get(1), new TargetSpan("greg-brockman", him, him + 1, true, 0.7)),
                ArticleScorer.withPronounsOfNamedPeople(named, Sentences.tokens(text), types, SPEECH));
    }

    @Test
    void shouldLetTheLatterStandForTheLastOneNamedBeforeIt() {
        String text = "奥特曼谈到了苏茨克维的去留，后者曾在政变中扮演关键角色。";
        int altman = text.indexOf("奥特曼");
        int ilya = text.indexOf("苏茨克维");
        int latter = text.indexOf("后者");
        List<TargetSpan> named = List.of(TargetSpan.named("sam-altman", altman, altman + 3),
                TargetSpan.named("ilya-sutskever", ilya, ilya + 4));
        Map<String, String> types = Map.of("sam-altman", "person", "ilya-sutskever", "person");
        assertEquals(List.of(named.get(0), named.get(1),
                        new TargetSpan("ilya-sutskever", latter, latter + 2, true, 0.7)),
                ArticleScorer.withPronounsOfNamedPeople(named, Sentences.tokens(text), types, SPEECH));
    }

    @Test
    void shouldLeaveAPronounInASpeakersOwnWordsAlone() {
        String text = "马斯克说，他当年资助的公司如今完全闭源。";
        List<TargetSpan> named = List.of(TargetSpan.named("elon-musk", 0, 3));
        assertEquals(named, ArticleScorer.withPronounsOfNamedPeople(named, Sentences.tokens(text),
                Map.of("elon-musk", "person"), SPEECH));
    }
}
