package io.storywatch.report;

import io.storywatch.event.CorrectionMade;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.story.Faction;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders a report as one self-contained HTML page: inline CSS and SVG charts, no script, nothing fetched, so it can be
 * mailed, archived or printed to PDF. Every figure is a topic's figure, printed with its {@code data-} attributes so
 * that a test can compare the page with the topics.
 */
public final class ReportHtml {

    static final int TOP_ENTITIES = 6;
    static final int EVIDENCE_PER_CAMP = 5;
    /** The dashboard's colours: the bundled story's camps keep theirs, other series take the next free one. */
    private static final Map<String, String> CAMP_COLORS = Map.of("safety", "#2f6fca", "acceleration", "#e0662c");
    private static final String[] COLORS = {"#6c4fb3", "#1f8a4c", "#8c564b", "#17becf", "#2f6fca", "#e0662c"};

    private ReportHtml() {
    }

    public static String render(ReportInput input, String generatedAt) {
        StringBuilder html = new StringBuilder(64 * 1024);
        String title = title(input);
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append(" · ").append(input.from()).append(" – ").append(input.to())
                .append("</title><style>").append(CSS).append("</style></head><body>\n");
        html.append("<h1>").append(esc(title)).append("</h1><p class=\"muted\">报告期 Period <span id=\"period\">")
                .append(input.from()).append(" – ").append(input.to()).append("</span> (UTC days) · 生成 generated ")
                .append(esc(generatedAt)).append("</p>\n");
        factions(html, input);
        entities(html, input);
        coverage(html, input);
        alerts(html, input);
        evidence(html, input);
        corrections(html, input);
        versions(html, input);
        html.append("<p class=\"muted\">storywatch · every figure is the latest record of its window on "
                + "news.faction-sentiment, news.entity-sentiment and news.story-coverage.</p></body></html>\n");
        return html.toString();
    }

    private static String title(ReportInput input) {
        if (input.story() == null) {
            return "storywatch";
        }
        Map<String, String> t = input.story().title();
        String zh = t.get("zh");
        String en = t.get("en");
        return zh != null && en != null ? zh + " · " + en : zh != null ? zh : en != null ? en : input.story().id();
    }

    private static String factionName(ReportInput input, String faction) {
        if (input.story() != null) {
            for (Faction f : input.story().factions()) {
                if (f.id().equals(faction) && (f.names().containsKey("zh") || f.names().containsKey("en"))) {
                    return String.join(" ", java.util.stream.Stream.of(f.names().get("zh"), f.names().get("en"))
                            .filter(java.util.Objects::nonNull).distinct().toList());
                }
            }
        }
        return faction;
    }

    // ---- sections ---------------------------------------------------------------------------------------------

    private static void factions(StringBuilder html, ReportInput input) {
        Map<String, List<FactionSentimentWindow>> byFaction = new TreeMap<>();
        input.factions().forEach(w -> byFaction.computeIfAbsent(w.faction(), f -> new ArrayList<>()).add(w));
        html.append("<h2>阵营情绪走势 Faction sentiment by day</h2>\n");
        if (byFaction.isEmpty()) {
            html.append("<p class=\"empty\">没有数据 No faction window in this period.</p>\n");
            return;
        }
        Map<String, List<Point>> series = new LinkedHashMap<>();
        List<String> colors = new ArrayList<>();
        byFaction.forEach((faction, windows) -> {
            series.put(factionName(input, faction), windows.stream()
                    .map(w -> new Point(day(w.windowStart()), w.meanScore(), w.ciLow(), w.ciHigh(), w.articles()))
                    .toList());
            colors.add(CAMP_COLORS.getOrDefault(faction, COLORS[colors.size() % COLORS.length]));
        });
        html.append(trendChart("faction-chart", input, series, colors, 760, 260));
        html.append("<table id=\"faction-table\"><thead><tr><th>阵营 Camp</th><th>日 Day</th><th>文章 Articles</th>"
                + "<th>均值 Mean</th><th>95% CI</th><th>pos / neg / neu / mixed</th><th>转载 Copies</th></tr></thead>"
                + "<tbody>\n");
        byFaction.forEach((faction, windows) -> windows.forEach(w -> html.append("<tr data-faction=\"")
                .append(esc(faction)).append("\" data-day=\"").append(day(w.windowStart()))
                .append("\" data-articles=\"").append(w.articles()).append("\" data-mean=\"").append(w.meanScore())
                .append("\"><td>").append(esc(factionName(input, faction))).append("</td><td>")
                .append(day(w.windowStart())).append("</td><td class=\"num\">").append(w.articles())
                .append(w.lowSample() ? " <span class=\"low\">样本少 low</span>" : "").append("</td><td class=\"num\">")
                .append(signed(w.meanScore())).append("</td><td class=\"num\">[").append(signed(w.ciLow()))
                .append(", ").append(signed(w.ciHigh())).append("]</td><td class=\"num\">").append(w.pos())
                .append(" / ").append(w.neg()).append(" / ").append(w.neu()).append(" / ").append(w.mixed())
                .append("</td><td class=\"num\">").append(w.copies()).append("</td></tr>\n")));
        html.append("</tbody></table>\n");
    }

    private static void entities(StringBuilder html, ReportInput input) {
        Map<String, List<EntitySentimentWindow>> byEntity = new TreeMap<>();
        input.entities().forEach(w -> byEntity.computeIfAbsent(w.entity(), e -> new ArrayList<>()).add(w));
        List<String> top = byEntity.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, List<EntitySentimentWindow>> e) ->
                        -e.getValue().stream().mapToLong(EntitySentimentWindow::articles).sum())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_ENTITIES).map(Map.Entry::getKey).toList();
        html.append("<h2>主要人物与机构 Entity sentiment by day (the ").append(TOP_ENTITIES)
                .append(" most covered)</h2>\n");
        if (top.isEmpty()) {
            html.append("<p class=\"empty\">没有数据 No entity window in this period.</p>\n");
            return;
        }
        html.append("<div class=\"multiples\">");
        for (String entity : top) {
            Map<String, List<Point>> series = new LinkedHashMap<>();
            series.put(entityName(input, entity), byEntity.get(entity).stream()
                    .map(w -> new Point(day(w.windowStart()), w.meanScore(), w.ciLow(), w.ciHigh(), w.articles()))
                    .toList());
            html.append("<figure><figcaption>").append(esc(entityName(input, entity))).append("</figcaption>")
                    .append(trendChart("entity-chart-" + entity, input, series, List.of("#1f3b57"), 360, 160))
                    .append("</figure>");
        }
        html.append("</div>\n<table id=\"entity-table\"><thead><tr><th>实体 Entity</th><th>日 Day</th>"
                + "<th>文章 Articles</th><th>均值 Mean</th><th>95% CI</th></tr></thead><tbody>\n");
        for (String entity : top) {
            for (EntitySentimentWindow w : byEntity.get(entity)) {
                html.append("<tr data-entity=\"").append(esc(entity)).append("\" data-day=\"")
                        .append(day(w.windowStart())).append("\" data-articles=\"").append(w.articles())
                        .append("\" data-mean=\"").append(w.meanScore()).append("\"><td>")
                        .append(esc(entityName(input, entity))).append("</td><td>").append(day(w.windowStart()))
                        .append("</td><td class=\"num\">").append(w.articles()).append("</td><td class=\"num\">")
                        .append(signed(w.meanScore())).append("</td><td class=\"num\">[").append(signed(w.ciLow()))
                        .append(", ").append(signed(w.ciHigh())).append("]</td></tr>\n");
            }
        }
        html.append("</tbody></table>\n");
    }

    private static String entityName(ReportInput input, String entity) {
        if (input.story() != null) {
            return input.story().entity(entity).map(e -> {
                List<String> zh = e.names() == null ? null : e.names().get("zh");
                return zh == null || zh.isEmpty() ? entity : zh.get(0) + " (" + entity + ")";
            }).orElse(entity);
        }
        return entity;
    }

    private static void coverage(StringBuilder html, ReportInput input) {
        html.append("<h2>报道量 Coverage volume</h2>\n");
        if (input.coverage().isEmpty()) {
            html.append("<p class=\"empty\">没有数据 No coverage window in this period.</p>\n");
            return;
        }
        long days = ChronoUnit.DAYS.between(input.from(), input.to()) + 1;
        long max = Math.max(1, input.coverage().stream().mapToLong(StoryCoverage::reach).max().orElse(1));
        int width = 760;
        int height = 160;
        double slot = (width - 60.0) / days;
        StringBuilder svg = new StringBuilder("<svg id=\"coverage-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height + 30).append("\" role=\"img\">");
        svg.append(axisText(40, 14, String.valueOf(max))).append(axisText(40, height, "0"));
        for (StoryCoverage c : input.coverage()) {
            long index = ChronoUnit.DAYS.between(input.from(), LocalDate.parse(day(c.windowStart())));
            double x = 50 + index * slot + slot * 0.15;
            double w = slot * 0.7;
            double hOriginal = (height - 10.0) * c.articles() / max;
            double hCopies = (height - 10.0) * c.copies() / max;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#1f3b57\"><title>%s: %d originals</title></rect>", x, height - hOriginal, w, hOriginal,
                    day(c.windowStart()), c.articles()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#9db3c8\"><title>%s: %d copies</title></rect>", x, height - hOriginal - hCopies, w,
                    hCopies, day(c.windowStart()), c.copies()));
        }
        dayLabels(svg, input, 50, slot, height + 18);
        svg.append("</svg>");
        html.append(svg).append("\n<table id=\"coverage-table\"><thead><tr><th>日 Day</th><th>原创 Originals</th>"
                + "<th>转载 Copies</th><th>触达 Reach</th><th>来源 Sources</th></tr></thead><tbody>\n");
        for (StoryCoverage c : input.coverage()) {
            html.append("<tr data-day=\"").append(day(c.windowStart())).append("\" data-articles=\"")
                    .append(c.articles()).append("\" data-copies=\"").append(c.copies()).append("\"><td>")
                    .append(day(c.windowStart())).append("</td><td class=\"num\">").append(c.articles())
                    .append("</td><td class=\"num\">").append(c.copies()).append("</td><td class=\"num\">")
                    .append(c.reach()).append("</td><td class=\"num\">").append(c.distinctSources())
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void alerts(StringBuilder html, ReportInput input) {
        html.append("<h2>预警 Alerts</h2>\n");
        if (input.alerts().isEmpty()) {
            html.append("<p class=\"empty\" id=\"no-alerts\">本期无预警 No alert in this period.</p>\n");
            return;
        }
        html.append("<table id=\"alert-table\"><thead><tr><th>日 Day</th><th>阵营 Camp</th><th>方向 Direction</th>"
                + "<th>均值 Mean</th><th>基线 Baseline</th><th>z</th><th>文章 Articles</th></tr></thead><tbody>\n");
        for (FactionShiftDetected a : input.alerts()) {
            html.append("<tr data-faction=\"").append(esc(a.faction())).append("\" data-day=\"")
                    .append(day(a.windowStart())).append("\" data-z=\"").append(a.zScore()).append("\"><td>")
                    .append(day(a.windowStart())).append("</td><td>").append(esc(factionName(input, a.faction())))
                    .append("</td><td>").append(esc(a.direction())).append("</td><td class=\"num\">")
                    .append(signed(a.meanScore())).append("</td><td class=\"num\">").append(signed(a.baselineMean()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f", a.zScore()))
                    .append("</td><td class=\"num\">").append(a.articles()).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    /** The strongest evidence of each camp over the period: the windows' evidence, each article once. */
    private static void evidence(StringBuilder html, ReportInput input) {
        Map<String, StanceScored> byId = new LinkedHashMap<>();
        input.articles().forEach(a -> byId.put(a.id(), a));
        Map<String, Map<String, EvidenceArticle>> byFaction = new TreeMap<>();
        for (FactionSentimentWindow w : input.factions()) {
            for (EvidenceArticle e : w.evidence()) {
                byFaction.computeIfAbsent(w.faction(), f -> new LinkedHashMap<>()).merge(e.id(), e,
                        (a, b) -> Math.abs(b.score()) > Math.abs(a.score()) ? b : a);
            }
        }
        html.append("<h2>最有力的依据 Strongest evidence per camp</h2>\n");
        if (byFaction.isEmpty()) {
            html.append("<p class=\"empty\">没有依据 No evidence in this period.</p>\n");
            return;
        }
        byFaction.forEach((faction, articles) -> {
            html.append("<h3>").append(esc(factionName(input, faction))).append("</h3><ol class=\"evidence\" "
                    + "data-faction=\"").append(esc(faction)).append("\">");
            articles.values().stream()
                    .sorted(Comparator.comparingDouble((EvidenceArticle e) -> -Math.abs(e.score()))
                            .thenComparing(EvidenceArticle::id))
                    .limit(EVIDENCE_PER_CAMP)
                    .forEach(e -> {
                        StanceScored article = byId.get(e.id());
                        String url = article == null ? null : article.url();
                        html.append("<li data-article=\"").append(esc(e.id())).append("\" data-score=\"")
                                .append(e.score()).append("\"><span class=\"score ").append(esc(e.label()))
                                .append("\">").append(signed(e.score())).append("</span> ");
                        if (e.sentence() != null && e.sentence().text() != null) {
                            html.append("<q>").append(esc(e.sentence().text())).append("</q> ");
                        }
                        html.append("<span class=\"muted\">— ");
                        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
                            html.append("<a href=\"").append(esc(url)).append("\">").append(esc(e.title()))
                                    .append("</a>");
                        } else {
                            html.append(esc(e.title()));
                        }
                        html.append(", ").append(esc(e.source())).append(", ").append(esc(e.publishedAt()))
                                .append("</span></li>");
                    });
            html.append("</ol>\n");
        });
    }

    private static void corrections(StringBuilder html, ReportInput input) {
        List<CorrectionMade> applied = new ArrayList<>();
        input.articles().forEach(a -> {
            if (a.corrected()) {
                applied.addAll(a.corrections());
            }
        });
        html.append("<h2>人工纠正 Corrections applied</h2>\n");
        if (applied.isEmpty()) {
            html.append("<p class=\"empty\" id=\"no-corrections\">本期没有纠正 No correction in force for this "
                    + "period's articles.</p>\n");
            return;
        }
        html.append("<table id=\"correction-table\"><thead><tr><th>文章 Article</th><th>内容 What</th>"
                + "<th>原 Was</th><th>改为 Now</th><th>分析员 Analyst</th><th>时间 When</th><th>说明 Note</th>"
                + "</tr></thead><tbody>\n");
        for (CorrectionMade c : applied) {
            String what = CorrectionMade.RELEVANCE.equals(c.kind()) ? "相关性 relevance"
                    : c.target() + " @ sentence " + c.sentence();
            html.append("<tr data-correction=\"").append(esc(c.id())).append("\"><td>").append(esc(c.article()))
                    .append("</td><td>").append(esc(what)).append("</td><td>").append(esc(c.oldLabel()))
                    .append("</td><td>").append(esc(c.newLabel())).append("</td><td>").append(esc(c.analyst()))
                    .append("</td><td>").append(esc(c.madeAt())).append("</td><td>")
                    .append(esc(c.note() == null ? "" : c.note())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static void versions(StringBuilder html, ReportInput input) {
        Map<String, Map<String, Long>> versions = new TreeMap<>();
        input.articles().forEach(a -> {
            if (a.versions() != null) {
                a.versions().forEach((part, version) -> versions.computeIfAbsent(part, p -> new TreeMap<>())
                        .merge(version, 1L, Long::sum));
            }
        });
        html.append("<h2>版本 Versions of the models and story</h2>\n<table id=\"version-table\"><thead><tr>"
                + "<th>部分 Part</th><th>版本 Version</th><th>文章 Articles</th></tr></thead><tbody>\n");
        if (input.story() != null) {
            html.append("<tr data-part=\"story definition\"><td>story definition (news.stories)</td><td>")
                    .append(esc(input.story().label())).append("</td><td></td></tr>\n");
        }
        versions.forEach((part, counts) -> counts.forEach((version, n) -> html.append("<tr data-part=\"")
                .append(esc(part)).append("\" data-version=\"").append(esc(version)).append("\" data-articles=\"")
                .append(n).append("\"><td>").append(esc(part)).append("</td><td>").append(esc(version))
                .append("</td><td class=\"num\">").append(n).append("</td></tr>\n")));
        html.append("</tbody></table>\n");
    }

    // ---- charts -----------------------------------------------------------------------------------------------

    /** One day's figure of a series: mean and 95% interval. */
    record Point(String day, double mean, double low, double high, long articles) {
    }

    /** Lines of the means over the days, each with its 95% band; the y axis runs from −1 to 1. */
    static String trendChart(String id, ReportInput input, Map<String, List<Point>> series, List<String> colors,
                             int width, int height) {
        long days = ChronoUnit.DAYS.between(input.from(), input.to()) + 1;
        double left = 40;
        double plot = width - left - 10;
        double slot = plot / days;
        double top = 10;
        double bottom = height - 24;
        Function<Double, Double> y = v -> top + (1 - Math.max(-1, Math.min(1, v))) / 2 * (bottom - top);
        Function<String, Double> x = d -> left + slot * (ChronoUnit.DAYS.between(input.from(), LocalDate.parse(d))
                + 0.5);
        StringBuilder svg = new StringBuilder("<svg id=\"").append(esc(id))
                .append("\" class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\">");
        for (double v : new double[]{-1, 0, 1}) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\"/>", left, left + plot, y.apply(v), y.apply(v), v == 0 ? "#8a96a3" : "#dde3ea"));
            svg.append(axisText(left - 4, y.apply(v) + 4, signed(v)));
        }
        int index = 0;
        StringBuilder legend = new StringBuilder();
        for (Map.Entry<String, List<Point>> entry : series.entrySet()) {
            String color = colors.get(index++ % colors.size());
            List<Point> points = entry.getValue();
            StringBuilder upper = new StringBuilder();
            StringBuilder lower = new StringBuilder();
            StringBuilder line = new StringBuilder();
            for (Point p : points) {
                upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.apply(p.day()), y.apply(p.high())));
                lower.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", x.apply(p.day()), y.apply(p.low())));
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.apply(p.day()), y.apply(p.mean())));
            }
            svg.append("<polygon points=\"").append(upper).append(lower).append("\" fill=\"").append(color)
                    .append("\" fill-opacity=\"0.15\" stroke=\"none\"/>");
            svg.append("<polyline points=\"").append(line).append("\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"2\"/>");
            for (Point p : points) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\"/>", x.apply(p.day()), x.apply(p.day()), y.apply(p.low()), y.apply(p.high()),
                        color));
                // hollow: fewer than 5 articles, as on the dashboard
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" "
                        + "stroke=\"" + color + "\" stroke-width=\"1.5\">"
                        + "<title>%s %s: %s [%s, %s], %d articles</title></circle>", x.apply(p.day()),
                        y.apply(p.mean()), p.articles() < 5 ? "#fff" : color, esc(entry.getKey()), p.day(),
                        signed(p.mean()), signed(p.low()), signed(p.high()), p.articles()));
            }
            legend.append("<tspan fill=\"").append(color).append("\">■ ").append(esc(entry.getKey()))
                    .append("</tspan>  ");
        }
        dayLabels(svg, input, left, slot, height - 8);
        if (series.size() > 1) {
            svg.append("<text x=\"").append((int) left + 4).append("\" y=\"").append((int) top + 10)
                    .append("\" font-size=\"11\">").append(legend).append("</text>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void dayLabels(StringBuilder svg, ReportInput input, double left, double slot, double y) {
        long days = ChronoUnit.DAYS.between(input.from(), input.to()) + 1;
        long step = Math.max(1, days / 10);
        for (long i = 0; i < days; i += step) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                    + "text-anchor=\"middle\" fill=\"#607080\">%s</text>", left + slot * (i + 0.5), y,
                    input.from().plusDays(i).toString().substring(5)));
        }
    }

    private static String axisText(double x, double y, String text) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" "
                + "fill=\"#607080\">%s</text>", x, y, esc(text));
    }

    // ---- text -------------------------------------------------------------------------------------------------

    private static String day(String isoStart) {
        return isoStart.substring(0, 10);
    }

    static String signed(double x) {
        return (x > 0 ? "+" : x < 0 ? "−" : "±") + String.format(Locale.ROOT, "%.2f", Math.abs(x));
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = String.join("\n",
            "body{font:14px/1.5 'Noto Sans CJK SC','WenQuanYi Micro Hei','PingFang SC',sans-serif;color:#1d2733;"
                    + "margin:24px auto;max-width:820px}",
            "h1{font-size:22px;margin:0}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #dde3ea}",
            "h3{font-size:14px;margin:12px 0 4px}.muted{color:#607080}.empty{color:#607080;font-style:italic}",
            "table{border-collapse:collapse;width:100%;font-size:12px;margin-top:8px}",
            "th,td{text-align:left;padding:2px 6px;border-bottom:1px solid #dde3ea}.num{text-align:right;"
                    + "font-variant-numeric:tabular-nums}",
            ".low{color:#a66300;font-size:11px}.score{font-weight:600}.score.pos{color:#1f8a4c}"
                    + ".score.neg{color:#c0392b}.score.neu{color:#7a8694}",
            ".multiples{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}figcaption{font-size:12px}",
            "ol.evidence li{margin:4px 0}q{quotes:'「' '」'}",
            "@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}");
}
