package io.storywatch.web;

import static io.storywatch.web.view.ScoredArticleBuilder.article;

import io.storywatch.event.StanceScored;
import io.storywatch.web.view.StoryView;
import io.storywatch.web.view.AggregatedStory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small story written for the dashboard tests: both factions over four days of November 2023, a syndicated copy,
 * an off-topic article, and one article whose title is an XSS payload.
 */
final class DashboardFixtures {

    static final String XSS_TITLE = "<img src=x onerror=alert(1)>";
    static final String XSS_ID = "xss-title";
    static final String EVIDENCE_SENTENCE = "评论人士批评苏茨克维在董事会风波中判断失误。";

    private DashboardFixtures() {
    }

    static List<StanceScored> articles() {
        List<StanceScored> articles = new ArrayList<>();
        articles.add(article("d1-board-fires-altman").title("OpenAI董事会突然解雇奥特曼").source("硅谷观察")
                .publishedAt("2023-11-18T02:00:00Z")
                .sentence("OpenAI董事会宣布奥特曼离职，苏茨克维参与了这一决定。",
                        Map.of("sam-altman", -0.3, "ilya-sutskever", -0.1, "openai", 0.0))
                .build());
        articles.add(article("d1-safety-praised").title("安全派坚持原则").source("科技评论")
                .publishedAt("2023-11-18T09:00:00Z")
                .sentence("支持者认为苏茨克维坚持了安全底线。", Map.of("ilya-sutskever", 0.6))
                .sentence("雷克也表示安全研究需要更多资源。", Map.of("jan-leike", 0.4))
                .build());
        articles.add(article("d2-employees-back-altman").title("员工联名支持奥特曼回归").source("财经周刊")
                .publishedAt("2023-11-19T10:00:00Z")
                .sentence("数百名员工联名力挺奥特曼，称赞他的领导力。", Map.of("sam-altman", 0.7))
                .sentence("布罗克曼随即宣布辞职以示支持。", Map.of("greg-brockman", 0.3))
                .build());
        articles.add(article(XSS_ID).title(XSS_TITLE).source("测试来源")
                .publishedAt("2023-11-19T12:00:00Z")
                .sentence(EVIDENCE_SENTENCE, Map.of("ilya-sutskever", -0.7))
                .build());
        articles.add(article("d2-board-criticised").title("董事会决定遭批评").source("财经周刊")
                .publishedAt("2023-11-19T15:00:00Z")
                .sentence("分析人士指责苏茨克维操之过急，同时同情奥特曼。", Map.of("ilya-sutskever", -0.5, "sam-altman", 0.4))
                .build());
        articles.add(article("d3-altman-returns").title("奥特曼重返OpenAI").source("硅谷观察")
                .publishedAt("2023-11-20T06:00:00Z")
                .sentence("奥特曼重新出任首席执行官，投资者松了一口气。", Map.of("sam-altman", 0.8))
                .sentence("苏茨克维公开道歉，表示后悔参与董事会行动。", Map.of("ilya-sutskever", -0.4))
                .build());
        articles.add(article("d3-altman-returns-copy").title("奥特曼回归（转载）").source("地方日报")
                .publishedAt("2023-11-20T08:00:00Z").duplicateOf("d3-altman-returns")
                .sentence("奥特曼重新出任首席执行官，投资者松了一口气。", Map.of("sam-altman", 0.8))
                .build());
        articles.add(article("d3-analysis").title("风波之后的OpenAI").source("科技评论")
                .publishedAt("2023-11-20T12:00:00Z")
                .sentence("奥特曼巩固了对公司的控制。", Map.of("sam-altman", 0.5))
                .sentence("雷克仍在呼吁重视安全。", Map.of("jan-leike", 0.2))
                .build());
        articles.add(article("d4-anthropic-gains").title("Anthropic吸引安全研究者").source("科技评论")
                .publishedAt("2023-11-21T07:00:00Z")
                .sentence("Anthropic被视为安全研究者的新去处。", Map.of("anthropic", 0.5))
                .sentence("奥特曼则忙于稳定团队。", Map.of("sam-altman", 0.1))
                .build());
        articles.add(article("ultraman-toys").title("奥特曼玩具热卖").source("玩具周刊").irrelevant()
                .publishedAt("2023-11-21T09:00:00Z")
                .sentence("奥特曼系列玩具销量大涨。", Map.of("sam-altman", 0.9))
                .build());
        return articles;
    }

    /** A view holding the articles and the window and coverage records the aggregate stage publishes for them. */
    static StoryView view() {
        StoryView view = new StoryView();
        try (AggregatedStory story = new AggregatedStory(view)) {
            articles().forEach(story::add);
            story.publish();
        }
        view.applyRejected("NOT_JSON");
        return view;
    }
}
