package io.storywatch.stage.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.event.ArticleSegmented;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.Mention;
import io.storywatch.event.UnlinkedName;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.stage.segment.SentenceSplitter;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EntityTaggerTest {

    private static StoryDefinition story;
    private static HanLpSegmenter segmenter;
    private static final EntityTagger TAGGER = new EntityTagger();

    @BeforeAll
    static void load() {
        story = Stories.defaultStory();
        segmenter = HanLpSegmenter.forStory(story);
    }

    private static EntitiesTagged tag(String text) {
        return tag(text, null);
    }

    private static EntitiesTagged tag(String text, String publishedAt) {
        ArticleSegmented article = new ArticleSegmented(1, "a1", null, text, publishedAt, null, null, null, null, null,
                segmenter.segment(text), Map.of("segmenter", segmenter.version()));
        return TAGGER.tag(article, story);
    }

    /** entity id -> the texts of its named mentions, as "text@sentence". */
    private static Map<String, List<String>> named(EntitiesTagged tagged) {
        return mentions(tagged, false);
    }

    private static Map<String, List<String>> implicit(EntitiesTagged tagged) {
        return mentions(tagged, true);
    }

    private static Map<String, List<String>> mentions(EntitiesTagged tagged, boolean implicit) {
        Map<String, List<String>> byEntity = new TreeMap<>();
        for (EntityMentions entity : tagged.entities()) {
            List<String> texts = entity.mentions().stream().filter(m -> m.implicit() == implicit)
                    .map(m -> m.text() + "@" + m.sentence()).toList();
            if (!texts.isEmpty()) {
                byEntity.put(entity.id(), texts);
            }
        }
        return byEntity;
    }

    @Test
    void shouldTellAltmanFromUltraman() {
        EntitiesTagged altman = tag("OpenAI首席执行官奥特曼周二宣布推出新模型。");
        EntitiesTagged ultraman = tag("周末带孩子看奥特曼大战怪兽，光之巨人又一次拯救了地球。");

        assertEquals(Map.of("openai", List.of("OpenAI@0"), "sam-altman", List.of("奥特曼@0")), named(altman));
        assertEquals(Map.of(), named(ultraman));
        assertFalse(ultraman.relevant());
    }

    @Test
    void shouldTellIlyaFromTheDairyCompanyYili() {
        assertEquals(Map.of(), named(tag("伊利牛奶销量上涨，乳业巨头伊利公布了财报。")));
        assertEquals(Map.of("ilya-sutskever", List.of("伊利亚@0"), "openai", List.of("OpenAI@0")),
                named(tag("伊利亚在OpenAI工作了将近十年。")));
    }

    @Test
    void shouldReadAmodeiAloneAsDarioUnlessDanielaIsMeant() {
        assertEquals(Map.of("anthropic", List.of("Anthropic@0"), "dario-amodei", List.of("阿莫迪@0")),
                named(tag("阿莫迪在Anthropic的办公室接受了采访。")));
        assertEquals(Map.of("anthropic", List.of("Anthropic@0"),
                        "daniela-amodei", List.of("丹妮拉·阿莫迪@0", "阿莫迪@1")),
                named(tag("丹妮拉·阿莫迪出任Anthropic总裁。阿莫迪表示，她将专注于公司运营。")));
    }

    @Test
    void shouldTakeTheBoardForOpenAIsOnlyWhereOpenAIIsMeant() {
        assertEquals(Map.of("openai", List.of("OpenAI@0"), "openai-board", List.of("OpenAI董事会@0"),
                        "sam-altman", List.of("奥特曼@0")),
                named(tag("OpenAI董事会周五解雇了奥特曼。")));
        assertEquals(Map.of("openai", List.of("OpenAI@0"), "openai-board", List.of("董事会@1"),
                        "sam-altman", List.of("奥特曼@1")),
                named(tag("OpenAI陷入混乱。董事会周五解雇了奥特曼。")));
        assertEquals(Map.of("openai", List.of("OpenAI@0"), "tesla", List.of("特斯拉@1"),
                        "elon-musk", List.of("马斯克@1")),
                named(tag("OpenAI发布了新模型。特斯拉董事会批准了马斯克的薪酬方案。")));
        assertEquals(Map.of("tesla", List.of("特斯拉@0"), "elon-musk", List.of("马斯克@0")),
                named(tag("特斯拉的股东大会上，马斯克说董事会支持他。")));
    }

    /**
     * Whose board a 董事会 is depends on the name just before it (OpenAI的, 特斯拉), which the tagger looks up by where
     * it ends: in an article of 2,000 copies of three sentences (96,000 characters, 4,000 boards) each copy is tagged
     * as the three sentences are alone.
     */
    @Test
    void shouldJudgeEveryBoardOfALongArticleAsItsShortPassageAlone() {
        String passage = "OpenAI陷入混乱。OpenAI的董事会周五解雇了奥特曼。特斯拉董事会批准了马斯克的薪酬方案。";
        int copies = 2_000;
        EntitiesTagged alone = tag(passage);
        EntitiesTagged article = tag(passage.repeat(copies));

        Map<String, List<Mention>> expected = new TreeMap<>();
        for (int copy = 0; copy < copies; copy++) {
            for (EntityMentions entity : alone.entities()) {
                for (Mention m : entity.mentions()) {
                    int shift = copy * passage.length();
                    expected.computeIfAbsent(entity.id(), id -> new ArrayList<>()).add(new Mention(
                            m.start() + shift, m.end() + shift, m.text(), m.sentence() + copy * alone.sentences().size(),
                            m.implicit(), m.confidence()));
                }
            }
        }
        Map<String, List<Mention>> actual = new TreeMap<>();
        article.entities().forEach(entity -> actual.put(entity.id(), entity.mentions()));
        assertEquals(List.of("董事会@1"), named(alone).get("openai-board"));
        assertEquals(expected, actual);
    }

    /**
     * A run of text longer than a sentence may be is cut at its last space (or at the limit), which can fall inside a
     * name: the halves are no name, and nothing found may reach across the cut into the next sentence.
     */
    @Test
    void shouldTakeNoNameTheSentenceSplitterCutInTwo() {
        String run = "消息人士称孵化器一直在寻找新的投资方向并且多次与硅谷的创业者会面讨论未来的合作计划".repeat(20);
        String known = run.substring(0, SentenceSplitter.MAX_SENTENCE_CHARS - 5);
        String unknown = run.substring(0, SentenceSplitter.MAX_SENTENCE_CHARS - 7);
        String chinese = run.substring(0, SentenceSplitter.MAX_SENTENCE_CHARS - 1);
        EntitiesTagged knownCut = tag(known + "Y Combinator没有回应");
        EntitiesTagged unknownCut = tag(unknown + "Jakub Pachocki没有回应");
        EntitiesTagged chineseCut = tag(chinese + "奥特曼没有回应");

        assertEquals(known.length() + 1, knownCut.sentences().get(0).end(), "the run is cut after Y");
        assertEquals(unknown.length() + 5, unknownCut.sentences().get(0).end(), "the run is cut after Jakub");
        assertEquals(chinese.length() + 1, chineseCut.sentences().get(0).end(), "the run is cut after 奥");
        assertEquals(Map.of(), named(knownCut));
        assertEquals(List.of(), unknownCut.unlinked().stream().map(UnlinkedName::text)
                .filter(name -> name.contains("Jakub") || name.contains("Pachocki")).toList());
        assertEquals(Map.of(), named(chineseCut));
    }

    @Test
    void shouldTakeGivenNamesAloneOnlyWhereTheContextPointsToThePlayer() {
        assertEquals(Map.of(), named(tag("Sam在咖啡馆里读了一下午书。")));
        assertEquals(Map.of("sam-altman", List.of("Sam Altman@0", "Sam@1"), "openai", List.of("OpenAI@0")),
                named(tag("Sam Altman回到了OpenAI。几天后Sam接受了采访。")));
        assertEquals(Map.of("jan-leike", List.of("Jan Leike@0", "Jan@1"), "anthropic", List.of("Anthropic@1")),
                named(tag("Jan Leike宣布辞职。Jan随后加入了Anthropic。")));
    }

    @Test
    void shouldMatchEnglishNamesOnlyAsWholeWords() {
        EntitiesTagged tagged = tag("Ilyas Khan在会上发言，Ilya则缺席了OpenAI的活动。");

        assertEquals(Map.of("ilya-sutskever", List.of("Ilya@0"), "openai", List.of("OpenAI@0")), named(tagged));
    }

    @Test
    void shouldMatchANameTypedWithTheLettersThatLookAlike() {
        EntitiesTagged tagged = tag("IIya Sutskever与AItman在董事会上意见相左，Ieike随后离职。");

        assertEquals(Map.of("ilya-sutskever", List.of("IIya Sutskever@0"), "sam-altman", List.of("AItman@0"),
                "jan-leike", List.of("Ieike@0")), named(tagged));
    }

    @Test
    void shouldReadAShortFormWithALookAlikeLetterButNotInAnotherCase() {
        assertEquals(Map.of("ilya-sutskever", List.of("IIya@0")), named(tag("IIya则缺席了OpenAI的这次活动。")).entrySet()
                .stream().filter(e -> !e.getKey().equals("openai"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(Map.of(), named(tag("ILYA这个词在会上被反复提起。")));
    }

    @Test
    void shouldStillTellAnotherNameThatDiffersByMoreThanLookAlikeLetters() {
        EntitiesTagged tagged = tag("Ilyas Khan和Alan Altmann出席了会议。");

        assertEquals(Map.of(), named(tagged));
    }

    @Test
    void shouldMatchLongEnglishNamesInAnyCaseButNotInsideAddresses() {
        EntitiesTagged tagged = tag("openAI的官网是openai.com，详见https://openai.com/blog。");

        assertEquals(Map.of("openai", List.of("openAI@0")), named(tagged));
    }

    @Test
    void shouldNotTakeAPartOfSomeoneElsesFullNameForThePlayer() {
        EntitiesTagged tagged = tag("奥特曼的弟弟杰克·奥特曼也是投资人，他和Sam Bankman-Fried不熟。");

        assertEquals(Map.of("sam-altman", List.of("奥特曼@0")), named(tagged));
        assertTrue(tagged.unlinked().stream().anyMatch(u -> u.text().equals("Sam Bankman-Fried")),
                tagged.unlinked().toString());
    }

    @Test
    void shouldResolveARoleNounToWhoeverHeldTheRoleThen() {
        String text = "伊利亚·苏茨克维是OpenAI的联合创始人。这位首席科学家参与了罢免奥特曼的投票。";

        EntitiesTagged in2023 = tag(text, "2023-11-20T08:00:00Z");
        EntitiesTagged in2025 = tag(text, "2025-01-10T08:00:00Z");

        assertEquals(Map.of("ilya-sutskever", List.of("首席科学家@1")), implicit(in2023));
        Mention mention = in2023.entities().stream().filter(e -> e.id().equals("ilya-sutskever")).findFirst()
                .orElseThrow().mentions().get(1);
        assertEquals(new Mention(text.indexOf("首席科学家"), text.indexOf("首席科学家") + 5, "首席科学家", 1, true, 0.8),
                mention);
        assertEquals(Map.of(), implicit(in2025));
    }

    @Test
    void shouldResolvePronounsToTheLastPersonOfTheRightGender() {
        assertEquals(Map.of("sam-altman", List.of("他@1")), implicit(tag("奥特曼回到了公司。他感谢了全体员工。")));
        assertEquals(Map.of("mira-murati", List.of("她@1")),
                implicit(tag("奥特曼和穆拉蒂见了面。她说会议很顺利。")));
    }

    @Test
    void shouldLetAPronounAfterAnUnknownPersonPointToNobodyInTheStory() {
        assertEquals(Map.of(), implicit(tag("奥特曼离开后，李彦宏评论了此事。他认为这是好事。")));
    }

    @Test
    void shouldReadWeInASpeakersWordsAsTheOrganisationTheSpeakerWorksFor() {
        assertEquals(Map.of("openai", List.of("我们@1")),
                implicit(tag("OpenAI发布了新模型。奥特曼对记者说：“我们的团队从未如此团结。”", "2024-01-10")));
        assertEquals(Map.of(), implicit(tag("奥特曼对记者说：“我们的团队从未如此团结。”", "2024-01-10")),
                "an organisation the article never names is not guessed");
    }

    @Test
    void shouldResolveAnOrganisationAnaphorToTheLastCompany() {
        assertEquals(Map.of("openai", List.of("该公司@1")),
                implicit(tag("OpenAI推出了ChatGPT。该公司随后获得了巨额投资。")));
    }

    @Test
    void shouldFallBackToTheHeadlinesPlayerWhenNoPersonIsInReach() {
        String text = "奥特曼谈公司未来\n奥特曼周一接受了采访。记者问到了模型。市场反应平淡。投资人保持观望。行业仍在等待。"
                + "他说新产品很快就会发布。";
        ArticleSegmented article = new ArticleSegmented(1, "a1", "奥特曼谈公司未来", text, null, null, null, null, null,
                null, segmenter.segment(text), Map.of("segmenter", segmenter.version()));

        assertEquals(Map.of("sam-altman", List.of("他@6")), implicit(TAGGER.tag(article, story)));
    }

    @Test
    void shouldFallBackToTheMainOrganisationForACompanyOutOfReach() {
        assertEquals(Map.of("openai", List.of("该公司@5")), implicit(tag(
                "OpenAI发布了新模型。用户反响热烈。评论者各执一词。股市没有波动。分析师仍在观察。该公司计划明年扩招。")));
    }

    @Test
    void shouldReadTheLatterAsTheLastPlayerNamed() {
        assertEquals(Map.of("greg-brockman", List.of("后者@1")),
                implicit(tag("奥特曼感谢了布罗克曼。后者随即发文回应。")));
        assertEquals(Map.of("sam-altman", List.of("前者@1")),
                implicit(tag("奥特曼感谢了布罗克曼。前者的信写得很长。")));
    }

    @Test
    void shouldTakeANamedPersonBeforeAColonAndAQuoteAsTheSpeaker() {
        assertEquals(Map.of("greg-brockman", List.of("我@1")),
                implicit(tag("布罗克曼在社交平台上留下一段话：“今天很特别。我为这个团队感到骄傲。”")));
    }

    @Test
    void shouldGiveAQuotationTheSpeakerNamedAfterIt() {
        assertEquals(Map.of("sam-altman", List.of("我@0")),
                implicit(tag("“这个项目进展顺利，我对此很有信心。”奥特曼在发布会上说。")));
    }

    @Test
    void shouldKeepTheSpeakerOverAQuotationOfSeveralSentences() {
        Map<String, List<String>> implicit = implicit(tag("布罗克曼在信中写道：“团队非常努力。产品已经准备好了。我为大家骄傲。”"));

        assertEquals(List.of("greg-brockman"), List.copyOf(implicit.keySet()));
        assertTrue(implicit.get("greg-brockman").get(0).startsWith("我@"), implicit.toString());
    }

    @Test
    void shouldNotTakeANameInAFramingClauseForTheSpeaker() {
        assertEquals(Map.of("sam-altman", List.of("我@1")),
                implicit(tag("在谈到马斯克时，奥特曼表示：“合作早已结束。我依然尊重这位老朋友。”")));
    }

    @Test
    void shouldReadWeInABoardMembersWordsAsTheBoard() {
        assertEquals(Map.of("openai-board", List.of("我们@1")),
                implicit(tag("OpenAI董事会周五发表了声明。托纳在采访中说：“我们无法再相信这些说法。”")));
    }

    @Test
    void shouldGiveInterviewAnswersToTheNamedSpeakerAndQuestionsToNobody() {
        String text = "奥特曼谈OpenAI的未来\n记者：我想先问一个问题。\n奥特曼：我们会继续开发新模型。\n我对明年很乐观。";
        Map<String, List<String>> implicit = implicit(tag(text));

        assertEquals(List.of("openai", "sam-altman"), List.copyOf(implicit.keySet()));
        assertEquals(1, implicit.get("openai").size());
        assertTrue(implicit.get("openai").get(0).startsWith("我们@"), implicit.toString());
        assertEquals(1, implicit.get("sam-altman").size(), "the question's 我 is the interviewer's");
    }

    @Test
    void shouldGiveYouInAnInterviewersQuestionToWhoeverAnswersIt() {
        String text = "奥特曼谈OpenAI的未来\n记者：你为什么离开了董事会？\n奥特曼：这是一个漫长的故事。\n"
                + "记者：你们下一步做什么？\n奥特曼：继续开发新模型。";
        Map<String, List<String>> implicit = implicit(tag(text));

        assertTrue(implicit.getOrDefault("sam-altman", List.of()).stream().anyMatch(m -> m.startsWith("你@")),
                implicit.toString());
        assertTrue(implicit.getOrDefault("openai", List.of()).stream().anyMatch(m -> m.startsWith("你们@")),
                implicit.toString());
    }

    @Test
    void shouldGiveYouOutsideAQuestionToNobody() {
        Map<String, List<String>> implicit = implicit(tag("奥特曼发布了新模型。如果你是开发者，你可以马上试用。"));

        assertTrue(implicit.values().stream().flatMap(List::stream).noneMatch(m -> m.startsWith("你")),
                implicit.toString());
    }

    @Test
    void shouldGiveTwoPeopleAtOnceToTheLastTwoPeople() {
        Map<String, List<String>> implicit = implicit(tag("苏茨克维和雷克先后离开了OpenAI。两人此后都没有公开评论。"));

        assertEquals(List.of("两人@1"), implicit.get("ilya-sutskever"), implicit.toString());
        assertEquals(List.of("两人@1"), implicit.get("jan-leike"), implicit.toString());
    }

    @Test
    void shouldGiveTheyAfterTwoPeopleOfOneSentenceToBoth() {
        Map<String, List<String>> implicit = implicit(tag("微软发表声明。托纳和麦考利辞去了董事职务。他们认为行业需要监管。"));

        assertEquals(List.of("他们@2"), implicit.get("helen-toner"), implicit.toString());
        assertEquals(List.of("他们@2"), implicit.get("tasha-mccauley"), implicit.toString());
        assertFalse(implicit.containsKey("microsoft"), implicit.toString());
    }

    @Test
    void shouldNotMakeAGroupOfPeopleFromDifferentSentences() {
        Map<String, List<String>> implicit = implicit(tag("奥特曼周五发表了讲话。托纳随后辞职。他们都没有回应。"));

        assertFalse(implicit.containsKey("sam-altman"), implicit.toString());
    }

    @Test
    void shouldKeepNamesTheStoryDoesNotKnowAsUnlinked() {
        String text = "百度创始人李彦宏评论了OpenAI的新模型。";

        EntitiesTagged tagged = tag(text);

        assertEquals(List.of(new UnlinkedName("李彦宏", "person", text.indexOf("李彦宏"), text.indexOf("李彦宏") + 3, 0)),
                tagged.unlinked().stream().filter(u -> u.type().equals("person")).toList());
        assertEquals(Map.of("openai", List.of("OpenAI@0")), named(tagged));
    }

    @Test
    void shouldNotReportWordsHanLpTakesForPersonNamesAsUnlinked() {
        EntitiesTagged tagged = tag("两周内，曾想离开OpenAI的人都回来了，薪水高得多，损失了100万美金。");

        assertEquals(List.of(), tagged.unlinked());
    }

    @Test
    void shouldFindANameHanLpGluedToTheNextCharacter() {
        EntitiesTagged tagged = tag("雷克发长文批评OpenAI。简·雷克此前负责超级对齐团队。");

        assertEquals(List.of("雷克@0", "简·雷克@1"), named(tagged).get("jan-leike"));
    }

    @Test
    void shouldScoreAnOffTopicArticleAsNotRelevant() {
        EntitiesTagged offTopic = tag("今天天气晴朗，市民纷纷出门踏青。公园里的樱花开了。");
        EntitiesTagged onTopic = tag("OpenAI董事会解雇了奥特曼，首席科学家伊利亚投了赞成票。微软随即表示支持奥特曼。");

        assertEquals(0.0, offTopic.relevance());
        assertFalse(offTopic.relevant());
        assertTrue(onTopic.relevant(), "relevance " + onTopic.relevance());
    }

    @Test
    void shouldRecordTheStoryAndTaggerVersionsBesideTheSegmenters() {
        EntitiesTagged tagged = tag("伊利亚离开了。");

        assertEquals(Map.of("segmenter", segmenter.version(), "story", "openai-governance@2", "tagger",
                TAGGER.version()), tagged.versions());
        assertEquals(List.of("safety"), tagged.entities().get(0).factions());
    }
}
