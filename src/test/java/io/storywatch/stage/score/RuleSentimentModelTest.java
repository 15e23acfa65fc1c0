package io.storywatch.stage.score;

import static io.storywatch.stage.score.Sentences.sentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleSentimentModelTest {

    private static final RuleSentimentModel RULES = new RuleSentimentModel(SentimentLexicon.loadDefault());
    private static final Labelling LABELS = Labelling.DEFAULT;

    private static String label(SentenceInput input, String target) {
        return LABELS.label(RULES.score(input).targets().get(target));
    }

    private static double target(SentenceInput input, String target) {
        return RULES.score(input).targets().get(target);
    }

    private static double overall(String text) {
        return RULES.score(sentence(text)).sentiment();
    }

    @Test
    void shouldScoreANameThatBeginsWithACompanionMarkerWithoutFailing() {
        // HanLP splits 和 off 和泰资本; the falling-out check once read the text between 和 and the name backwards
        SentenceInput input = sentence("和泰资本代理了这起纠纷，并与对方产生分歧。", "和泰资本", "hetai");
        assertTrue(RULES.score(input).targets().containsKey("hetai"));
    }

    @Test
    void shouldMarkThePatientOfAFiringNegativeAndLeaveTheBoardNeutral() {
        SentenceInput input = sentence("董事会解雇了奥特曼。", "董事会", "openai-board", "奥特曼", "sam-altman");
        assertEquals("neg", label(input, "sam-altman"));
        assertEquals("neu", label(input, "openai-board"));
    }

    @Test
    void shouldFindThePatientOfAPassiveBeforeBei() {
        SentenceInput input = sentence("奥特曼被董事会突然解雇。", "董事会", "openai-board", "奥特曼", "sam-altman");
        assertEquals("neg", label(input, "sam-altman"));
        assertEquals("neu", label(input, "openai-board"));
    }

    @Test
    void shouldBlameTheDefendantAndTheBetrayerNotThePlaintiff() {
        SentenceInput input = sentence("马斯克起诉OpenAI，称其背叛了初心。", "马斯克", "elon-musk", "OpenAI", "openai");
        assertEquals("neg", label(input, "openai"));
        assertEquals("neu", label(input, "elon-musk"));
    }

    @Test
    void shouldBlameTheTargetOfACriticismNotItsSource() {
        SentenceInput input = sentence("莱克公开批评OpenAI。", "莱克", "jan-leike", "OpenAI", "openai");
        assertEquals("neg", label(input, "openai"));
        assertEquals("neu", label(input, "jan-leike"));
    }

    @Test
    void shouldKeepTheSpeakerApartFromTheJudgementItUtters() {
        SentenceInput input = sentence("马斯克称奥特曼是个骗子。", "马斯克", "elon-musk", "奥特曼", "sam-altman");
        assertEquals("neg", label(input, "sam-altman"));
        assertEquals("neu", label(input, "elon-musk"));
    }

    @Test
    void shouldGiveTheSupportedSidePraiseAndTheSupporterNone() {
        SentenceInput input = sentence("微软力挺奥特曼。", "微软", "microsoft", "奥特曼", "sam-altman");
        assertEquals("pos", label(input, "sam-altman"));
        assertEquals("neu", label(input, "microsoft"));
    }

    @Test
    void shouldTurnANegatedFailureAround() {
        assertTrue(overall("这次发布并非失败。") > 0);
        assertTrue(overall("这次发布是失败。") < 0);
    }

    @Test
    void shouldTurnNegatedSupportIntoOpposition() {
        SentenceInput input = sentence("员工并不支持布罗克曼。", "布罗克曼", "greg-brockman");
        assertEquals("neg", label(input, "greg-brockman"));
    }

    @Test
    void shouldNotNegateAWordOutsideTheNegatorsReach() {
        assertTrue(overall("他没有出席，发布会很成功。") > 0);
    }

    @Test
    void shouldLetTheClauseAfterAContrastDecide() {
        SentenceInput input = sentence("奥特曼的做法有些激进，但是非常成功。", "奥特曼", "sam-altman");
        assertEquals("pos", label(input, "sam-altman"));
        SentenceInput reversed = sentence("奥特曼的做法非常成功，但是极其危险。", "奥特曼", "sam-altman");
        assertEquals("neg", label(reversed, "sam-altman"));
    }

    @Test
    void shouldReadQueContrastInsideOneClause() {
        SentenceInput input = sentence("苏茨克维贡献巨大，却被排挤出局。", "苏茨克维", "ilya-sutskever");
        assertEquals("neg", label(input, "ilya-sutskever"));
    }

    @Test
    void shouldScaleWithDegreeAdverbs() {
        assertTrue(overall("员工非常失望。") < overall("员工失望。"));
        assertTrue(overall("员工失望。") < overall("员工有点失望。"));
        assertTrue(overall("员工有点失望。") < 0);
    }

    @Test
    void shouldDampHedgedAndQuestionedJudgements() {
        SentenceInput plain = sentence("布罗克曼失败了。", "布罗克曼", "greg-brockman");
        SentenceInput hedged = sentence("布罗克曼或许失败了。", "布罗克曼", "greg-brockman");
        SentenceInput asked = sentence("布罗克曼失败了吗？", "布罗克曼", "greg-brockman");
        double plainScore = target(plain, "greg-brockman");
        assertTrue(plainScore < 0);
        assertTrue(Math.abs(target(hedged, "greg-brockman")) < Math.abs(plainScore));
        assertTrue(Math.abs(target(asked, "greg-brockman")) < Math.abs(plainScore));
    }

    @Test
    void shouldCountAQuotedJudgementAsTheSentencesTone() {
        SentenceInput input = sentence("“OpenAI的做法令人失望，”莱克说。", "OpenAI", "openai", "莱克", "jan-leike");
        assertEquals("neg", label(input, "openai"));
        assertEquals("neu", label(input, "jan-leike"));
        assertTrue(RULES.score(input).sentiment() < 0);
    }

    @Test
    void shouldLeaveAPlainFactualReportNeutral() {
        SentenceInput input = sentence("2015年，奥特曼与马斯克共同创立了OpenAI。",
                "奥特曼", "sam-altman", "马斯克", "elon-musk", "OpenAI", "openai");
        assertEquals("neu", label(input, "sam-altman"));
        assertEquals("neu", label(input, "elon-musk"));
        assertEquals("neu", label(input, "openai"));
    }

    @Test
    void shouldJudgeEachTargetByItsOwnClause() {
        SentenceInput input = sentence("Anthropic发展迅猛、广受好评，OpenAI则陷入混乱。",
                "Anthropic", "anthropic", "OpenAI", "openai");
        assertEquals("pos", label(input, "anthropic"));
        assertEquals("neg", label(input, "openai"));
    }

    @Test
    void shouldCarryTheSubjectIntoAClauseWithoutOne() {
        SentenceInput input = sentence("奥特曼回到OpenAI，重新担任CEO，可谓大获成功。", "奥特曼", "sam-altman", "OpenAI", "openai");
        assertEquals("pos", label(input, "sam-altman"));
    }

    @Test
    void shouldLetAFeelingJudgeWhatItIsAboutNotWhoFeelsIt() {
        SentenceInput input = sentence("马斯克对OpenAI非常失望。", "马斯克", "elon-musk", "OpenAI", "openai");
        assertEquals("neg", label(input, "openai"));
        assertEquals("neu", label(input, "elon-musk"));
        SentenceInput proud = sentence("布罗克曼说他感到无比自豪。", "布罗克曼", "greg-brockman");
        assertEquals("neu", label(proud, "greg-brockman"));
    }

    @Test
    void shouldNotJudgeAnOrganisationByWhatItsStaffDo() {
        SentenceInput input = sentence("OpenAI的研究员们此刻团结一致。", "OpenAI", "openai");
        assertEquals("neu", label(input, "openai"));
    }

    @Test
    void shouldFavourTheRecipientOfAnInvestmentNotTheInvestor() {
        SentenceInput input = sentence("谷歌向Anthropic投资20亿美元。", "谷歌", "google", "Anthropic", "anthropic");
        assertEquals("pos", label(input, "anthropic"));
        assertEquals("neu", label(input, "google"));
    }

    @Test
    void shouldReadThePossessorOfAnEventNounAsItsDoer() {
        SentenceInput input = sentence("马斯克的起诉引发热议。", "马斯克", "elon-musk");
        assertEquals("neu", label(input, "elon-musk"));
    }

    @Test
    void shouldGiveAPassiveToTheNearestNameBeforeBei() {
        SentenceInput input = sentence("苏茨克维通知奥特曼被解雇了。", "苏茨克维", "ilya-sutskever", "奥特曼", "sam-altman");
        assertEquals("neg", label(input, "sam-altman"));
        assertEquals("neu", label(input, "ilya-sutskever"));
    }

    @Test
    void shouldKeepTheDroppedSubjectOfAClauseThatNamesOnlyAnObject() {
        SentenceInput input = sentence("舒尔曼，长年领导OpenAI团队，被誉为天才。", "舒尔曼", "john-schulman", "OpenAI", "openai");
        assertEquals("pos", label(input, "john-schulman"));
        assertEquals("neu", label(input, "openai"));
    }

    @Test
    void shouldBlameTheLiarNotTheOneLiedTo() {
        SentenceInput input = sentence("奥特曼对董事会撒谎。", "奥特曼", "sam-altman", "董事会", "openai-board");
        assertEquals("neg", label(input, "sam-altman"));
        assertEquals("neu", label(input, "openai-board"));
    }

    @Test
    void shouldNotLetAClauseOfTimeColourWhoeverComesAfterIt() {
        SentenceInput afterScandal = sentence("那场丑闻平息之后，OpenAI发布了新模型。", "OpenAI", "openai");
        assertEquals("neu", label(afterScandal, "openai"));
        SentenceInput framed = sentence("一场丑闻，OpenAI发布了新模型。", "OpenAI", "openai");
        assertEquals("neg", label(framed, "openai"));
    }

    @Test
    void shouldGiveTheReceiverOfSupportThePraiseAndTheGiverNone() {
        SentenceInput input = sentence("奥特曼获得了微软的支持。", "奥特曼", "sam-altman", "微软", "microsoft");
        assertEquals("pos", label(input, "sam-altman"));
        assertEquals("neu", label(input, "microsoft"));
        SentenceInput criticised = sentence("布罗克曼受到员工的批评。", "布罗克曼", "greg-brockman");
        assertEquals("neg", label(criticised, "greg-brockman"));
    }

    @Test
    void shouldLetAnAttributeInsideTheObjectDescribeTheObjectNotTheSubject() {
        SentenceInput painted = sentence("OpenAI为员工描绘了一幅美好的蓝图。", "OpenAI", "openai");
        assertEquals("neu", label(painted, "openai"));
        SentenceInput copula = sentence("OpenAI是一家优秀的公司。", "OpenAI", "openai");
        assertEquals("pos", label(copula, "openai"));
        SentenceInput deed = sentence("奥特曼进行了挑拨离间的行为。", "奥特曼", "sam-altman");
        assertEquals("neg", label(deed, "sam-altman"));
    }

    @Test
    void shouldNotJudgeANameThatOnlySaysWhereSomethingHappened() {
        SentenceInput input = sentence("奥特曼在董事会和员工之间挑拨离间。", "奥特曼", "sam-altman", "董事会", "openai-board");
        assertEquals("neg", label(input, "sam-altman"));
        assertEquals("neu", label(input, "openai-board"));
    }

    @Test
    void shouldNotLetAVerbInsideATimePhraseSeparateTheSubjectFromItsPredicate() {
        SentenceInput input = sentence("布罗克曼在审查结束后回归。", "布罗克曼", "greg-brockman");
        assertEquals("pos", label(input, "greg-brockman"));
    }

    @Test
    void shouldReportAResignationAsAPlainFactButAnOustingAsALoss() {
        SentenceInput resigned = sentence("布罗克曼宣布辞职。", "布罗克曼", "greg-brockman");
        assertEquals("neu", label(resigned, "greg-brockman"));
        SentenceInput ousted = sentence("布罗克曼被赶出董事会。", "布罗克曼", "greg-brockman");
        assertEquals("neg", label(ousted, "greg-brockman"));
    }

    @Test
    void shouldGiveEachPossessorItsOwnNoun() {
        SentenceInput input = sentence("最终以奥特曼的回归和苏茨克维的出局收场。",
                "奥特曼", "sam-altman", "苏茨克维", "ilya-sutskever");
        assertEquals("pos", label(input, "sam-altman"));
        assertEquals("neg", label(input, "ilya-sutskever"));
    }

    @Test
    void shouldKeepThePatientOfAPassiveAsTheSubjectOfWhatFollows() {
        SentenceInput input = sentence("奥特曼被董事会罢免又迅速官复原职。", "奥特曼", "sam-altman");
        SentenceInput fired = sentence("奥特曼被董事会罢免。", "奥特曼", "sam-altman");
        assertTrue(target(input, "sam-altman") > target(fired, "sam-altman") + 0.3);
    }

    @Test
    void shouldLetAnAttributeDescribeTheNounAfterItNotANameFurtherOn() {
        SentenceInput far = sentence("以糟糕的价格卖掉公司的奥特曼开始创业。", "奥特曼", "sam-altman");
        SentenceInput near = sentence("糟糕的奥特曼开始创业。", "奥特曼", "sam-altman");
        assertEquals("neg", label(near, "sam-altman"));
        assertTrue(Math.abs(target(far, "sam-altman")) < 0.5 * Math.abs(target(near, "sam-altman")));
    }

    @Test
    void shouldCountAnOrganisationsOwnBoastButNotASpeakersOwnFeelings() {
        SentenceInput we = sentence("我们的实力依然十分强大。", "我们", "openai");
        assertEquals("pos", label(we, "openai"));
        SentenceInput me = sentence("我为此感到无比自豪。", "我", "sam-altman");
        assertEquals("neu", label(me, "sam-altman"));
    }

    @Test
    void shouldReadAskingForMoreOfAVirtueAsCriticism() {
        SentenceInput input = sentence("OpenAI应该更加透明。", "OpenAI", "openai");
        assertEquals("neg", label(input, "openai"));
        SentenceInput plain = sentence("OpenAI更加透明。", "OpenAI", "openai");
        assertEquals("pos", label(plain, "openai"));
    }

    @Test
    void shouldGiveTheOneWhoIsToldNoTheRejection() {
        SentenceInput input = sentence("我们应该对奥特曼说不。", "奥特曼", "sam-altman");
        assertEquals("neg", label(input, "sam-altman"));
    }

    @Test
    void shouldReadEnglishHeadlinesInAnyCaseAndOnlyWholeWords() {
        SentenceInput refused = sentence("Seven reasons why the world should say No to Sam Altman", "Sam Altman", "sam-altman");
        assertEquals("neg", label(refused, "sam-altman"));
        SentenceInput praised = sentence("Sam Altman is a notable genius", "Sam Altman", "sam-altman");
        assertEquals("pos", label(praised, "sam-altman"), "the 'not' inside 'notable' negates nothing");
        SentenceInput negated = sentence("Sam Altman is not a genius", "Sam Altman", "sam-altman");
        assertEquals("neg", label(negated, "sam-altman"));
    }

    @Test
    void shouldReadAnEventVerbBeforeDeAsAnAttributeNotAsThePredicate() {
        SentenceInput input = sentence("OpenAI对调查的说明显然缺乏细节。", "OpenAI", "openai");
        assertEquals("neg", label(input, "openai"));
    }

    @Test
    void shouldKeepNamesInBracketsInsideTheirPlacePhrase() {
        SentenceInput input = sentence("奥特曼在托纳和麦考利（Tasha McCauley）之间挑拨离间。",
                "奥特曼", "sam-altman", "托纳", "helen-toner", "麦考利", "tasha-mccauley");
        assertEquals("neg", label(input, "sam-altman"));
        assertEquals("neu", label(input, "helen-toner"));
        assertEquals("neu", label(input, "tasha-mccauley"));
    }

    @Test
    void shouldGiveTheWinnerOfAContestPraiseAndTheOneBeatenTheLoss() {
        SentenceInput active = sentence("OpenAI在这一领域超越了特斯拉。", "OpenAI", "openai", "特斯拉", "tesla");
        assertEquals("pos", label(active, "openai"));
        assertEquals("neg", label(active, "tesla"));
        SentenceInput passive = sentence("特斯拉被OpenAI击败了。", "OpenAI", "openai", "特斯拉", "tesla");
        assertEquals("pos", label(passive, "openai"));
        assertEquals("neg", label(passive, "tesla"));
        SentenceInput governed = sentence("马斯克对OpenAI提出的要求是击败谷歌。", "OpenAI", "openai");
        assertEquals("neu", label(governed, "openai"), "a name after 对 is not the one beaten");
    }

    @Test
    void shouldMakeTheRivalNamedInsideACompetitionPhraseTheLoser() {
        SentenceInput upperHand = sentence("凭借新芯片，谷歌在与OpenAI的市场争夺中取得上风。", "谷歌", "google", "OpenAI", "openai");
        assertEquals("pos", label(upperHand, "google"));
        assertEquals("neg", label(upperHand, "openai"));
        SentenceInput winning = sentence("微软在和谷歌的较量中胜出。", "微软", "microsoft", "谷歌", "google");
        assertEquals("pos", label(winning, "microsoft"));
        assertEquals("neg", label(winning, "google"));
        SentenceInput talks = sentence("微软在与谷歌的谈判中表现出色。", "微软", "microsoft", "谷歌", "google");
        assertEquals("neu", label(talks, "google"), "only a contest predicate makes the one dealt with a loser");
    }

    @Test
    void shouldBlameNeitherSideOfADisagreementBetweenThem() {
        SentenceInput between = sentence("托纳与奥特曼在公司方向上产生了严重分歧。", "托纳", "helen-toner", "奥特曼", "sam-altman");
        assertEquals("neu", label(between, "helen-toner"));
        assertEquals("neu", label(between, "sam-altman"));
        SentenceInput vision = sentence("新章程或许会跟奥特曼扩张算力的设想发生冲突。", "奥特曼", "sam-altman");
        assertEquals("neu", label(vision, "sam-altman"));
        SentenceInput inside = sentence("OpenAI内部爆发了严重冲突。", "OpenAI", "openai");
        assertEquals("neg", label(inside, "openai"), "a conflict inside one party is still that party's");
    }

    @Test
    void shouldTreatWhoWorriesAsTheSourceOfTheFearNotItsTarget() {
        SentenceInput input = sentence("苏茨克维担心OpenAI的技术会带来危险。", "苏茨克维", "ilya-sutskever",
                "OpenAI", "openai");
        assertEquals("neu", label(input, "ilya-sutskever"));
        assertEquals("neg", label(input, "openai"));
    }

    @Test
    void shouldReadARemovalUndoneByAReturnAsARoundTrip() {
        SentenceInput passive = sentence("奥特曼被罢免后很快复职。", "奥特曼", "sam-altman");
        assertEquals("neu", label(passive, "sam-altman"));
        SentenceInput rehired = sentence("董事会罢免奥特曼不到一周，奥特曼就重掌了公司。", "董事会", "openai-board", "奥特曼",
                "sam-altman");
        assertEquals("neu", label(rehired, "sam-altman"));
        SentenceInput returnAlone = sentence("奥特曼终于复职。", "奥特曼", "sam-altman");
        assertEquals("pos", label(returnAlone, "sam-altman"), "a return with no removal before it is still a win");
        SentenceInput removalAlone = sentence("奥特曼被罢免后，员工一片哗然。", "奥特曼", "sam-altman");
        assertEquals("neg", label(removalAlone, "sam-altman"));
    }

    @Test
    void shouldMakeWhoLeavesAsTheOtherSideReturnsTheLoser() {
        SentenceInput input = sentence("奥特曼官复原职之际，托纳卸任了董事。", "奥特曼", "sam-altman", "托纳", "helen-toner");
        assertEquals("neg", label(input, "helen-toner"));
        assertEquals("pos", label(input, "sam-altman"));
        SentenceInput plain = sentence("托纳离开了董事会，加入了一家研究机构。", "托纳", "helen-toner");
        assertEquals("neu", label(plain, "helen-toner"), "leaving a post is by itself a plain fact");
    }

    @Test
    void shouldTurnTheGoodThingThatIsLostOrDamaged() {
        SentenceInput trust = sentence("那次隐瞒彻底破坏了同事们对他的信任。", "他", "sam-altman");
        assertEquals("neg", label(trust, "sam-altman"));
        SentenceInput confidence = sentence("投资者对OpenAI失去了信心。", "OpenAI", "openai");
        assertEquals("neg", label(confidence, "openai"));
        SentenceInput kept = sentence("投资者对OpenAI没有失去信心。", "OpenAI", "openai");
        assertTrue(target(kept, "openai") > -0.2, "a loss denied is no loss");
        SentenceInput alone = sentence("这场风波严重损害了OpenAI。", "OpenAI", "openai");
        assertEquals("neg", label(alone, "openai"), "with no good word after it the verb keeps its own sense");
    }

    @Test
    void shouldBlameTheSpeakerWhoseWordsAClauseWithShiShiShangShowsUntrue() {
        SentenceInput belied = sentence("奥特曼告诉国会他没有持股，而实际上他通过基金间接持股。", "奥特曼", "sam-altman");
        assertEquals("neg", label(belied, "sam-altman"));
        SentenceInput emphasis = sentence("奥特曼告诉国会他没有持股，实际上这一点早已公开。", "奥特曼", "sam-altman");
        assertEquals("neu", label(emphasis, "sam-altman"), "实际上 without 而/但 before it only stresses");
        SentenceInput nearest = sentence("马斯克说，OpenAI声称坚持开放，但事实上它早已改变方向。", "马斯克", "elon-musk", "OpenAI",
                "openai");
        assertEquals("neg", label(nearest, "openai"));
        assertEquals("neu", label(nearest, "elon-musk"), "only the last speaker before it is belied");
    }

    @Test
    void shouldLetAnAttributeOfAClassNounPraiseTheNameInApposition() {
        SentenceInput input = sentence("一夜之间OpenAI风云突变，灵魂人物奥特曼宣布离职。", "奥特曼", "sam-altman", "OpenAI",
                "openai");
        assertEquals("pos", label(input, "sam-altman"));
        SentenceInput company = sentence("明星初创公司Anthropic推出了新版本。", "Anthropic", "anthropic");
        assertEquals("pos", label(company, "anthropic"));
        SentenceInput object = sentence("布罗克曼随后重新加入董事会。", "布罗克曼", "greg-brockman", "董事会", "openai-board");
        assertEquals("neu", label(object, "openai-board"), "a verb's object is not described by it");
    }

    @Test
    void shouldCallGrowingFastPraise() {
        SentenceInput input = sentence("xAI发展迅速。", "xAI", "xai");
        assertEquals("pos", label(input, "xai"));
    }

    @Test
    void shouldPraiseSomeoneWithoutWhomSomethingWouldNotExist() {
        SentenceInput input = sentence("没有阿莫迪，Anthropic就不会存在。", "阿莫迪", "dario-amodei", "Anthropic",
                "anthropic");
        assertEquals("pos", label(input, "dario-amodei"));
        assertEquals("neu", label(input, "anthropic"));
        SentenceInput absent = sentence("没有布罗克曼出席，会议照常举行。", "布罗克曼", "greg-brockman");
        assertEquals("neu", label(absent, "greg-brockman"));
    }

    @Test
    void shouldReadBeingInChargeOfSomethingAsAPlainFact() {
        SentenceInput input = sentence("阿莫代伊负责领导大模型的研发。", "阿莫代伊", "dario-amodei");
        assertEquals("neu", label(input, "dario-amodei"));
    }
}
