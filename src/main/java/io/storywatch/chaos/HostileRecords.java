package io.storywatch.chaos;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.event.RawArticle;
import io.storywatch.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Hostile raw records from a small grammar: a record is a <em>shape</em> (bytes that are not JSON, JSON that is not an
 * article, an article) and an article is a <em>skeleton</em> (a synthetic article from {@link ChaosArticles}) with one
 * or two <em>mutations</em> applied to its fields: control characters, lone surrogates, BOMs, zero-width and
 * bidi-override characters, emoji, huge or deep values, odd dates and ids, markup in the title, and text that is
 * valid but hard for later stages (names at the very end of the text, a name split by a sentence boundary, one
 * 200,000-character paragraph). Each record is deterministic from the seed; ids are unique ({@code hostile-N…}).
 */
public final class HostileRecords {

    private static final String[] EMOJI = {"😀", "🔥", "👩‍💻", "🇨🇳", "🤖", "👍🏽", "❤️", "🧑‍🤝‍🧑"};
    private static final String[] SCRIPTS = {"Альтман заявил", "قال ألتمان", "ऑल्टमैन ने कहा", "アルトマン氏は述べた",
            "올트먼은 말했다", "Άλτμαν δήλωσε", "אלטמן אמר"};
    private static final String[] ODD_DATES = {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2025-03-02T08:00:00+08:00", "2025-03-02T08:00:00-14:00", "2025-03-03T23:30:00+14:00", "2025-03-04",
            "+10000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-03-05T25:00:00Z",
            "2025-03-05T10:00:00+0800", "20250305T100000Z", "", "   ", "yesterday", "1970-01-01T00:00:00Z",
            "2025-03-05T10:00:00.123456789Z", "2025-03-06T10:00:00+18:00"};
    private static final String[] MARKUP = {"<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
            "\"><svg onload=alert(1)>", "javascript:alert(1)", "<iframe src=//evil.example>", "{{7*7}}${7*7}",
            "</title><h1>", "&lt;b&gt;&amp;&#0;"};

    private final ChaosArticles articles;
    private final Random random;
    private final List<Production> productions = new ArrayList<>();
    private long next;

    private record Production(String kind, BiFunction<String, Random, Shape> make) {
    }

    /** What one production makes: the key, the bytes and the id ingest should read (null if none). */
    private record Shape(String key, byte[] value, String id) {
    }

    public HostileRecords(ChaosArticles articles, long seed) {
        this.articles = articles;
        this.random = new Random(seed);
        bytes();
        values();
        mutations();
        laterStages();
    }

    /** The kinds of record the grammar makes, in the order {@link #next} cycles through them. */
    public List<String> kinds() {
        return productions.stream().map(Production::kind).toList();
    }

    /** The next hostile record, numbered {@code seq}; kinds are taken in turn so that every one occurs. */
    public ChaosRecord next(long seq) {
        Production production = productions.get((int) (next++ % productions.size()));
        String id = "hostile-" + seq;
        Shape shape = production.make().apply(id, random);
        return new ChaosRecord(seq, shape.key(), shape.value(), production.kind(), shape.id(), false, false);
    }

    private void add(String kind, BiFunction<String, Random, Shape> make) {
        productions.add(new Production(kind, make));
    }

    private RawArticle skeleton(String id) {
        return articles.original(id, random.nextInt(2000));
    }

    private static Shape article(RawArticle article) {
        return new Shape(article.id(), Json.toBytes(article), article.id());
    }

    private static RawArticle with(RawArticle a, String title, String body) {
        return new RawArticle(a.id(), title, body, a.publishedAt(), a.source(), a.url(), a.language());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes that are not a JSON article at all. */
    private void bytes() {
        add("truncated-json", (id, r) -> {
            byte[] whole = Json.toBytes(skeleton(id));
            int cut = 1 + r.nextInt(whole.length - 2);
            byte[] value = new byte[cut];
            System.arraycopy(whole, 0, value, 0, cut);
            return new Shape(id, value, null);
        });
        add("deep-json", (id, r) -> {
            int depth = 10_000;
            boolean arrays = r.nextBoolean();
            StringBuilder s = new StringBuilder("{\"id\":\"" + id + "\",\"body\":");
            s.append((arrays ? "[" : "{\"a\":").repeat(depth)).append("1").append((arrays ? "]" : "}").repeat(depth));
            return new Shape(id, utf8(s.append('}').toString()), null);
        });
        add("deep-json-unclosed", (id, r) -> new Shape(id, utf8("[".repeat(100_000)), null));
        add("huge-json", (id, r) -> {
            ObjectNode node = Json.mapper().valueToTree(skeleton(id));
            ObjectNode extra = node.putObject("extra");
            for (int i = 0; i < 60_000; i++) {
                extra.put("field" + i, "值" + i);
            }
            return new Shape(id, Json.toBytes(node), null);
        });
        add("body-over-4-mib", (id, r) -> {
            RawArticle a = skeleton(id);
            String sentence = "奥特曼在会上表示公司会继续推进安全研究。";
            return new Shape(id, Json.toBytes(with(a, a.title(), sentence.repeat(4_300_000 / 57 + 1))), null);
        });
        add("not-utf8", (id, r) -> {
            byte[] value = Json.toBytes(skeleton(id));
            for (int i = 0; i < 5; i++) {
                value[20 + r.nextInt(value.length - 40)] = (byte) (0x80 + r.nextInt(0x40));
            }
            // a continuation byte replacing another one leaves valid UTF-8: then it is an article with a wrong
            // character, which ingest may accept under this id
            return new Shape(id, value, id);
        });
        add("cesu-surrogate-bytes", (id, r) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(utf8("{\"id\":\"" + id + "\",\"body\":\"奥特曼"));
            out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD}); // a high surrogate as 3 bytes
            out.writeBytes(utf8("表示。\"}"));
            return new Shape(id, out.toByteArray(), null);
        });
        add("empty-value", (id, r) -> new Shape(id, new byte[0], null));
        add("null-value", (id, r) -> new Shape(id, null, null));
        add("json-not-object", (id, r) -> new Shape(id, utf8(List.of("[1,2,3]", "\"奥特曼\"", "null", "42", "true",
                "[{\"id\":\"" + id + "\",\"body\":\"x\"}]").get(r.nextInt(6))), null));
        add("trailing-garbage", (id, r) -> new Shape(id, utf8(new String(Json.toBytes(skeleton(id)),
                StandardCharsets.UTF_8) + " {\"id\":\"second\"}"), null));
        add("binary", (id, r) -> {
            byte[] value = new byte[1 + r.nextInt(4096)];
            r.nextBytes(value);
            return new Shape(null, value, null);
        });
    }

    /** JSON objects whose fields are missing, of the wrong type, or odd. */
    private void values() {
        add("numeric-date", (id, r) -> {
            ObjectNode node = Json.mapper().valueToTree(skeleton(id));
            node.put("publishedAt", 1_740_787_200_000L);
            return new Shape(id, Json.toBytes(node), null);
        });
        add("odd-date", (id, r) -> {
            RawArticle a = skeleton(id);
            String date = ODD_DATES[r.nextInt(ODD_DATES.length)];
            return new Shape(id, Json.toBytes(new RawArticle(id, a.title(), a.body(), date, a.source(), a.url(),
                    a.language())), id);
        });
        add("empty-id", (id, r) -> {
            RawArticle a = skeleton(id);
            String empty = List.of("", " ", "\t\n", "\u3000").get(r.nextInt(4));
            return new Shape(empty, Json.toBytes(new RawArticle(empty, a.title(), a.body(), a.publishedAt(),
                    a.source(), a.url(), a.language())), null);
        });
        add("numeric-id", (id, r) -> {
            ObjectNode node = Json.mapper().valueToTree(skeleton(id));
            node.put("id", r.nextLong());
            return new Shape(null, Json.toBytes(node), null);
        });
        add("huge-id", (id, r) -> {
            String huge = id + "-" + "x".repeat(100_000 + r.nextInt(100_000));
            RawArticle a = skeleton(huge);
            return new Shape(huge, Json.toBytes(a), huge);
        });
        add("path-id", (id, r) -> {
            String path = List.of("../../etc/passwd-", "a/b/c-", "..\\..\\windows-", "/abs/", "./", "%2e%2e%2f",
                    "C:\\temp\\", "nul/").get(r.nextInt(8)) + id;
            return article(skeleton(path));
        });
        add("control-id", (id, r) -> article(skeleton(id + "\u0000\u001f\u202e\ud83d\ude00")));
        add("missing-body", (id, r) -> {
            ObjectNode node = Json.mapper().valueToTree(skeleton(id));
            node.remove("body");
            return new Shape(id, Json.toBytes(node), null);
        });
        add("object-body", (id, r) -> {
            ObjectNode node = Json.mapper().valueToTree(skeleton(id));
            node.putObject("body").put("text", "奥特曼");
            return new Shape(id, Json.toBytes(node), null);
        });
        add("null-fields", (id, r) -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("id", id);
            node.put("body", skeleton(id).body());
            node.putNull("title");
            node.putNull("publishedAt");
            node.putNull("source");
            node.putNull("url");
            node.putNull("language");
            return new Shape(id, Json.toBytes(node), id);
        });
        add("duplicate-keys", (id, r) -> new Shape(id, utf8("{\"id\":\"" + id + "\",\"body\":\"马斯克起诉奥特曼。\","
                + "\"body\":\"奥特曼回应马斯克。\",\"title\":\"a\",\"title\":\"b\"}"), id));
    }

    /** Articles with one or two fields made hostile. */
    private void mutations() {
        add("nul-and-control", (id, r) -> {
            RawArticle a = skeleton(id);
            StringBuilder body = new StringBuilder(a.body());
            for (int i = 0; i < 20; i++) {
                body.insert(r.nextInt(body.length()), (char) r.nextInt(0x20));
            }
            body.insert(r.nextInt(body.length()), '\u007f').insert(r.nextInt(body.length()), '\u0085');
            return article(with(a, a.title() + "\u0000\u0007", body.toString()));
        });
        add("lone-surrogates", (id, r) -> {
            RawArticle a = skeleton(id);
            String body = a.body();
            int at = r.nextInt(body.length());
            String lone = r.nextBoolean() ? "\ud800" : "\udfff";
            return article(with(a, a.title() + "\ud83d", body.substring(0, at) + lone + body.substring(at)
                    + "\udc00奥特曼"));
        });
        add("bom", (id, r) -> {
            RawArticle a = skeleton(id);
            byte[] json = Json.toBytes(with(a, "\ufeff" + a.title(), "\ufeff" + a.body().replace("。", "。\ufeff")));
            if (r.nextBoolean()) {
                byte[] withBom = new byte[json.length + 3];
                withBom[0] = (byte) 0xEF;
                withBom[1] = (byte) 0xBB;
                withBom[2] = (byte) 0xBF;
                System.arraycopy(json, 0, withBom, 3, json.length);
                return new Shape(id, withBom, id);
            }
            return new Shape(id, json, id);
        });
        add("zero-width-and-bidi", (id, r) -> {
            RawArticle a = skeleton(id);
            String body = a.body().replace("奥特曼", "奥\u200b特\u200d曼").replace("马斯克", "\u202e马斯克\u202c")
                    .replace("，", "\u2066，\u2069\u200e") + "\u202e布罗克曼\u200f";
            return article(with(a, "\u202e" + a.title() + "\u2067", body));
        });
        add("emoji", (id, r) -> {
            RawArticle a = skeleton(id);
            StringBuilder body = new StringBuilder();
            for (int cp : a.body().codePoints().toArray()) {
                body.appendCodePoint(cp);
                if (r.nextInt(6) == 0) {
                    body.append(EMOJI[r.nextInt(EMOJI.length)]);
                }
            }
            return article(with(a, EMOJI[r.nextInt(EMOJI.length)] + a.title(), body + "😀奥特曼🔥"));
        });
        add("no-punctuation-paragraph", (id, r) -> {
            RawArticle a = skeleton(id);
            String words = a.body().replaceAll("[\\p{P}\\s]", "");
            StringBuilder body = new StringBuilder(210_000);
            while (body.length() < 200_000) {
                body.append(words);
            }
            body.setLength(200_000);
            return article(with(a, a.title(), body.toString()));
        });
        add("only-punctuation", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title(), "。！？，、；：“”‘’（）《》…—.!?,;:\"'()[]{}<>".repeat(1 + r.nextInt(50))));
        });
        add("only-latin", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, "OpenAI board news", ("Altman said the board of OpenAI would meet Brockman "
                    + "and Sutskever on Friday. ").repeat(1 + r.nextInt(30))));
        });
        add("long-latin-word", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title(), "奥特曼说" + "a".repeat(50_000) + "。马斯克"
                    + "Supercalifragilistic".repeat(2_000) + "。"));
        });
        add("mixed-scripts", (id, r) -> {
            RawArticle a = skeleton(id);
            StringBuilder body = new StringBuilder(a.body());
            for (int i = 0; i < 4; i++) {
                body.insert(r.nextInt(body.length()), SCRIPTS[r.nextInt(SCRIPTS.length)]);
            }
            return article(with(a, a.title() + " " + SCRIPTS[r.nextInt(SCRIPTS.length)], body + "\u0301\u0308"));
        });
        add("markup-title", (id, r) -> {
            RawArticle a = skeleton(id);
            String markup = MARKUP[r.nextInt(MARKUP.length)];
            return article(with(a, markup + a.title() + markup, "<p>" + a.body().replace("\n", "</p><p>")
                    + "</p>" + markup));
        });
        add("markup-only-body", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title(), "<div><script>var x='奥特曼';</script><style>p{}</style></div>"));
        });
        add("huge-title", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, "奥特曼".repeat(30_000), a.body()));
        });
        add("line-separators", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title() + "\r\n", a.body().replace("\n", "\u2028\r\n\u2029\u000b\f")
                    .replace("。", "。\t\t")));
        });
        add("many-terminators", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title(), "。".repeat(20_000) + a.body() + "！？".repeat(5_000)));
        });
    }

    /** Valid articles whose text is hard for the segmenter, tagger and scorer. */
    private void laterStages() {
        add("name-at-end", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, "奥特曼", a.body() + "马斯克"));
        });
        add("name-only", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, "", List.of("奥特曼", "马", "曼", "苏茨克维", "OpenAI", "董事会").get(r.nextInt(6))));
        });
        add("name-across-sentences", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title() + "奥特", "曼表示。" + a.body().replace("奥特曼", "奥特。曼")
                    .replace("马斯克", "马斯\n克") + "布罗克"));
        });
        add("one-char-sentences", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, "他", "他。她！它？奥。曼。他说：“他”。".repeat(1 + r.nextInt(200))));
        });
        add("pronouns-without-antecedent", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title(), "他批评了她。该公司表示他们不会让步。这位创始人说，此人不值得信任。"
                    + "董事会。CEO。"));
        });
        add("nested-quotes", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title(), "“奥特曼说：‘马斯克说：“布罗克曼说：‘" + a.body()
                    + "”’”’”’”’」』》）"));
        });
        add("whitespace-body", (id, r) -> {
            RawArticle a = skeleton(id);
            return article(with(a, a.title(), List.of(" \n\t ", "\u3000\u3000", "\u200b\u200b", "<br><br>",
                    "&nbsp;").get(r.nextInt(5))));
        });
    }
}
