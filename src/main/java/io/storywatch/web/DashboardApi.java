package io.storywatch.web;

import io.storywatch.event.CorrectionMade;
import io.storywatch.json.Json;
import io.storywatch.web.view.ArticleDetail;
import io.storywatch.web.view.ArticleFilter;
import io.storywatch.web.view.Granularity;
import io.storywatch.web.view.SeriesPoint;
import io.storywatch.web.view.StoryView;
import io.storywatch.web.view.TargetKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON API over the {@link StoryView}: maps a path and its query parameters to a status and a value for Jackson,
 * with no HTTP server in it. docs/api.md documents every route with an example.
 */
final class DashboardApi {

    /** A status and the value to write as JSON. */
    record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply error(int status, String message) {
            return new Reply(status, Map.of("error", message));
        }
    }

    private final StoryViews views;
    private final CorrectionSink corrections;

    /** @param corrections where corrections go, or null where the dashboard takes none */
    DashboardApi(StoryViews views, CorrectionSink corrections) {
        this.views = views;
        this.corrections = corrections;
    }

    DashboardApi(StoryView view, StoryInfo story, CorrectionSink corrections) {
        this(StoryViews.single(story, view), corrections);
    }

    DashboardApi(StoryView view, StoryInfo story) {
        this(view, story, null);
    }

    boolean takesCorrections() {
        return corrections != null;
    }

    /**
     * {@code POST /api/corrections}: checks the request against the article as the dashboard has it and appends the
     * correction to news.corrections; 201 with the correction once the broker has it.
     */
    Reply correct(byte[] body) {
        if (corrections == null) {
            return Reply.error(403, "this dashboard takes no corrections: it needs --api-token and a broker");
        }
        CorrectionRequest request;
        try {
            request = Json.fromBytes(body, CorrectionRequest.class);
        } catch (RuntimeException e) {
            return Reply.error(400, "the body must be a JSON object {analyst, article, kind, sentence, target, "
                    + "newLabel, note}");
        }
        if (request == null || request.article() == null || request.article().isBlank()) {
            return Reply.error(400, "article: the id of the article to correct");
        }
        CorrectionMade correction;
        try {
            // corrections are keyed by article id: they apply to the main story's analysis (see StoryKeys)
            Optional<ArticleDetail> article = views.main().view().article(request.article());
            if (article.isEmpty()) {
                return Reply.error(404, "no article " + request.article());
            }
            correction = request.toCorrection(article.get().analysis(), UUID.randomUUID().toString(), Instant.now());
        } catch (IllegalArgumentException e) {
            return Reply.error(400, e.getMessage());
        } catch (StoryView.AnalysisUnavailableException e) {
            return Reply.error(503, e.getMessage());
        }
        try {
            corrections.append(correction);
        } catch (Exception e) {
            return Reply.error(503, "the correction could not be appended to news.corrections: " + e.getMessage());
        }
        return new Reply(201, correction);
    }

    /**
     * Answers a GET of the API; {@code story=ID} picks the story (default: the main one, the first), 404 for a story
     * this dashboard does not show.
     */
    Reply handle(String path, String rawQuery) {
        Map<String, String> query = parseQuery(rawQuery);
        Optional<StoryViews.Shown> shown = views.get(query.get("story"));
        if (shown.isEmpty()) {
            return Reply.error(404, "no story " + query.get("story") + " on this dashboard; it shows "
                    + views.all().stream().map(s -> s.info().id()).toList());
        }
        StoryView view = shown.get().view();
        try {
            return switch (path) {
                case "/api/stories" -> Reply.ok(Map.of("stories", stories()));
                case "/api/summary" -> summary(shown.get());
                case "/api/factions/series" -> factionSeries(view, query);
                case "/api/entities/series" -> entitySeries(view, query);
                case "/api/entities/top" -> Reply.ok(Map.of("entities", view.topEntities(instant(query, "from"),
                        instant(query, "to"), limit(query, 10, 100))));
                case "/api/coverage" -> coverage(view, query);
                case "/api/articles" -> articles(view, query);
                case "/api/evidence" -> evidence(view, query);
                case "/api/alerts" -> Reply.ok(Map.of("alerts", view.alerts(limit(query, 50, 200))));
                default -> path.startsWith("/api/articles/")
                        ? article(view, path.substring("/api/articles/".length()))
                        : Reply.error(404, "no such API route: " + path);
            };
        } catch (IllegalArgumentException e) {
            return Reply.error(400, e.getMessage());
        } catch (StoryView.AnalysisUnavailableException e) {
            return Reply.error(503, e.getMessage());
        }
    }

    /** Each story shown, main first: id and titles, what the page's story switch lists. */
    private List<Map<String, String>> stories() {
        return views.all().stream().map(s -> Map.of("id", s.info().id(), "titleZh", s.info().titleZh(),
                "titleEn", s.info().titleEn())).toList();
    }

    private Reply summary(StoryViews.Shown shown) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("story", shown.info());
        body.put("stories", stories());
        body.put("view", shown.view().summary());
        // corrections are keyed by article id and apply to the main story's analysis only: no correct buttons on
        // another story's page, where they would change the main story's record of the article
        body.put("corrections", takesCorrections() && shown.info().id().equals(views.main().info().id()));
        return Reply.ok(body);
    }

    private Reply factionSeries(StoryView view, Map<String, String> query) {
        Granularity window = Granularity.parse(query.get("window"));
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        Map<String, List<SeriesPoint>> series = view.factionSeries(from, to, window);
        String faction = query.get("faction");
        if (faction != null) {
            series = Map.of(faction, series.getOrDefault(faction, List.of()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", window.label());
        body.put("from", from == null ? null : from.toString());
        body.put("to", to == null ? null : to.toString());
        body.put("series", series);
        return Reply.ok(body);
    }

    private Reply entitySeries(StoryView view, Map<String, String> query) {
        String entity = required(query, "entity");
        Granularity window = Granularity.parse(query.get("window"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", window.label());
        body.put("entity", entity);
        body.put("series", view.series(TargetKind.ENTITY, entity, instant(query, "from"), instant(query, "to"),
                window));
        return Reply.ok(body);
    }

    private Reply coverage(StoryView view, Map<String, String> query) {
        Granularity window = Granularity.parse(query.get("window"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", window.label());
        body.put("coverage", view.coverage(instant(query, "from"), instant(query, "to"), window));
        body.put("reported", view.reportedCoverage());
        return Reply.ok(body);
    }

    private Reply articles(StoryView view, Map<String, String> query) {
        ArticleFilter filter = new ArticleFilter(query.get("faction"), query.get("entity"), query.get("source"),
                Boolean.parseBoolean(query.getOrDefault("relevant", "false")), instant(query, "from"),
                instant(query, "to"), limit(query, ArticleFilter.DEFAULT_LIMIT, ArticleFilter.MAX_LIMIT));
        return Reply.ok(Map.of("articles", view.articles(filter)));
    }

    private Reply article(StoryView view, String encodedId) {
        String id = URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
        return view.article(id).<Reply>map(Reply::ok).orElseGet(() -> Reply.error(404, "no article " + id));
    }

    private Reply evidence(StoryView view, Map<String, String> query) {
        TargetKind kind = TargetKind.parse(query.getOrDefault("kind", "faction"));
        String target = required(query, "target");
        Granularity window = Granularity.parse(query.get("window"));
        Instant start = window.windowStart(parseInstant(required(query, "windowStart"), "windowStart"));
        Instant end = start.plus(window.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind.name().toLowerCase());
        body.put("target", target);
        body.put("window", window.label());
        body.put("windowStart", start.toString());
        body.put("windowEnd", end.toString());
        body.put("point", view.series(kind, target, start, end, window).stream().findFirst().orElse(null));
        body.put("articles", view.evidence(kind, target, start, window, limit(query, 20, 100)));
        return Reply.ok(body);
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing parameter " + name);
        }
        return value;
    }

    private static int limit(Map<String, String> query, int fallback, int max) {
        String value = query.get("limit");
        if (value == null) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > max) {
                throw new IllegalArgumentException("limit must be 1.." + max);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number");
        }
    }

    private static Instant instant(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : parseInstant(value, name);
    }

    /** An ISO-8601 instant, or a date meaning its UTC midnight. */
    static Instant parseInstant(String value, String name) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant or date, not " + value);
        }
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }
}
