package io.storywatch.chaos;

import io.storywatch.event.RawArticle;
import io.storywatch.json.Json;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic Chinese news-like articles about a story, made from sentence templates written for this generator and the
 * story's own entity names, deterministically from a seed. Besides originals it makes the two kinds of article a live
 * feed brings that the windows must handle: near-copies (a syndicated original with a few characters changed, under
 * another id and source) and late articles (dated weeks before the stream they arrive with).
 */
public final class ChaosArticles {

    /** Where the on-time articles of a stream start; each later one is a few minutes on. */
    public static final Instant STREAM_START = Instant.parse("2025-03-01T00:00:00Z");

    private static final String[] TOPICS = {"模型安全评估", "商业化进程", "通用人工智能研发", "董事会改组", "算力采购",
            "开源策略", "对齐研究", "产品发布节奏", "融资谈判", "人才流动", "数据合规", "治理结构调整"};
    private static final String[] PLACES = {"旧金山", "西雅图", "伦敦", "纽约", "华盛顿", "东京"};
    private static final String[] SOURCES = {"科技晨报", "硅谷观察", "数字前沿", "未来商业", "智能周刊", "云端日报",
            "创新时报", "前沿科技网"};
    private static final String[] LEADS = {"{A}在{P}出席活动时表示，公司会继续推进{T}。",
            "据多名知情人士透露，{A}与{B}在{T}上的分歧正在扩大。",
            "{A}公开批评{B}在{T}问题上操之过急，认为风险被严重低估。",
            "{A}宣布将在未来{N}个月内调整{T}的整体安排。",
            "围绕{T}的争论持续发酵，{A}再次成为舆论焦点。",
            "{A}在一份内部备忘录中称赞团队在{T}上的进展。"};
    private static final String[] MIDDLES = {"{A}认为，{T}不能以牺牲长期安全为代价。",
            "{B}则回应说，过度谨慎会让公司在竞争中落后。",
            "一位接近{A}的人士说，双方已经有{N}周没有直接沟通。",
            "{A}的支持者在社交媒体上发起联署，人数已超过{N}百人。",
            "分析人士指出，{B}此举可能削弱外部对{T}的监督。",
            "{A}随后发表声明，否认了有关{T}的传闻。",
            "多位员工赞扬{A}在危机中表现冷静，处理方式稳妥。",
            "{B}被指在{T}上隐瞒关键信息，引发董事们的不满。",
            "{A}表示愿意与{B}就{T}展开坦诚对话。",
            "有消息称{B}正考虑在{P}另起炉灶，专注于{T}。",
            "外界普遍担心{T}的加速会带来难以预料的后果。",
            "{A}在采访中承认，过去{N}个月的决策存在失误。"};
    private static final String[] CLOSINGS = {"截至发稿时，相关各方尚未作出进一步回应。",
            "这一消息在科技圈引发了广泛讨论。",
            "业内人士预计，事态还将在未来{N}天内继续发展。",
            "记者联系{A}的团队置评，对方表示暂不回应。"};

    private final List<String> names;
    private final Random random;
    private final List<RawArticle> made = new ArrayList<>();
    private long next;

    public ChaosArticles(StoryDefinition story, long seed) {
        this.names = new ArrayList<>();
        for (StoryEntity entity : story.entities()) {
            entity.unambiguousNames().stream()
                    .filter(name -> name.length() >= 2 && name.codePoints().anyMatch(ChaosArticles::isHan))
                    .findFirst()
                    .ifPresent(names::add);
        }
        if (names.size() < 2) {
            throw new IllegalArgumentException("story " + story.id() + " names fewer than two entities in Chinese");
        }
        this.random = new Random(seed);
    }

    /**
     * The {@code index}-th on-time original of a stream: published {@code index} × 5 minutes after
     * {@link #STREAM_START}, give or take 20 minutes.
     */
    public RawArticle original(String id, int index) {
        Instant published = STREAM_START.plus(Duration.ofMinutes(5L * index))
                .plusSeconds(random.nextInt(2400) - 1200L);
        return article(id, published.isBefore(STREAM_START) ? STREAM_START : published);
    }

    /** An original dated 20 to 60 days before the stream: too late for its hour window once the stream runs. */
    public RawArticle late(String id) {
        return article(id, STREAM_START.minus(Duration.ofDays(20 + random.nextInt(40)))
                .plusSeconds(random.nextInt(86_400)));
    }

    /** A copy of an article made earlier, a few characters changed, under another id and source. */
    public RawArticle nearCopy(String id) {
        RawArticle original = made.get(random.nextInt(made.size()));
        String body = original.body();
        int cut = body.lastIndexOf('。', body.length() - 2);
        String changed = (cut > 0 ? body.substring(0, cut + 1) + "（转载请注明出处）" + body.substring(cut + 1) : body)
                .replace("表示", "称");
        RawArticle copy = new RawArticle(id, original.title(), changed, original.publishedAt(),
                SOURCES[random.nextInt(SOURCES.length)], "https://chaos.example.com/" + id, "zh");
        made.add(copy);
        return copy;
    }

    public boolean hasArticles() {
        return !made.isEmpty();
    }

    public static byte[] json(RawArticle article) {
        return Json.toBytes(article);
    }

    private RawArticle article(String id, Instant published) {
        String a = name();
        String b = name();
        while (b.equals(a)) {
            b = name();
        }
        String topic = pick(TOPICS);
        StringBuilder body = new StringBuilder(fill(pick(LEADS), a, b, topic));
        int middle = 4 + random.nextInt(6);
        for (int i = 0; i < middle; i++) {
            if (i % 3 == 2) {
                body.append('\n');
            }
            String who = random.nextInt(3) == 0 ? name() : (random.nextBoolean() ? a : b);
            body.append(fill(pick(MIDDLES), who, who.equals(a) ? b : a, random.nextInt(4) == 0 ? pick(TOPICS) : topic));
        }
        body.append('\n').append(fill(pick(CLOSINGS), a, b, topic));
        String title = a + "与" + b + "：" + topic + "再起波澜（第" + (next++) + "期）";
        RawArticle article = new RawArticle(id, title, body.toString(), published.toString(),
                SOURCES[random.nextInt(SOURCES.length)], "https://chaos.example.com/" + id, "zh");
        made.add(article);
        return article;
    }

    private String fill(String template, String a, String b, String topic) {
        return template.replace("{A}", a).replace("{B}", b).replace("{T}", topic)
                .replace("{P}", pick(PLACES)).replace("{N}", String.valueOf(2 + random.nextInt(40)));
    }

    private String name() {
        return names.get(random.nextInt(names.size()));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
