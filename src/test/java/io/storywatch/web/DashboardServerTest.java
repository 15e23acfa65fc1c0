package io.storywatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.web.view.ScoredArticleBuilder;
import io.storywatch.web.view.StoryView;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DashboardServerTest {

    private static final String TOKEN = "s3cret-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final List<DashboardServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(DashboardServer::close);
        metrics.close();
    }

    private DashboardServer serve(StoryView view, String token, List<String> origins) throws Exception {
        DashboardServer server = DashboardServer.serve(new HttpOptions(0, "127.0.0.1", token, origins), view, metrics);
        servers.add(server);
        return server;
    }

    private DashboardServer open() throws Exception {
        return serve(DashboardFixtures.view(), null, List.of());
    }

    private HttpResponse<String> get(DashboardServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode json(DashboardServer server, String path) throws Exception {
        HttpResponse<String> response = get(server, path);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        return Json.tree(response.body());
    }

    @Test
    void shouldBindToLoopbackOnPort8080WithoutTokenByDefault() {
        HttpOptions defaults = new HttpOptions();
        picocli.CommandLine.populateCommand(defaults);

        assertEquals("127.0.0.1", defaults.bind());
        assertEquals(8080, defaults.port());
        assertEquals(List.of(), defaults.corsOrigins());
        if (System.getenv(HttpOptions.TOKEN_ENV) == null) {
            assertEquals(null, defaults.apiToken(), "no token unless one is configured");
        }
    }

    @Test
    void shouldPrintTheUrlAndWriteItToTheDataDirectory(@TempDir Path dataDir) throws Exception {
        DashboardServer server = open();
        StringWriter out = new StringWriter();

        server.announce(dataDir, new PrintWriter(out));

        String url = "http://127.0.0.1:" + server.url().getPort() + "/";
        assertEquals("dashboard=" + url + System.lineSeparator(), out.toString());
        assertEquals(url + System.lineSeparator(), Files.readString(dataDir.resolve(DashboardServer.URL_FILE)));
        assertTrue(server.url().getPort() > 0);
    }

    @Test
    void shouldListItsStoriesAndAnswerForTheOneAskedForTheMainOneByDefault() throws Exception {
        StoryInfo other = new StoryInfo("river-dam", "清河水坝之争", "The river dam dispute",
                Map.of("build", new StoryInfo.FactionName("建坝派", "for the dam")));
        List<StoryView> made = new ArrayList<>(List.of(DashboardFixtures.view(), new StoryView()));
        DashboardServer server = DashboardServer.serve(new HttpOptions(0, "127.0.0.1", null, List.of()),
                StoryViews.of(List.of(StoryInfo.defaultStory(), other), () -> made.remove(0)), metrics);
        servers.add(server);

        JsonNode stories = json(server, "/api/stories").path("stories");
        assertEquals(List.of("openai-governance", "river-dam"), List.of(stories.path(0).path("id").asText(),
                stories.path(1).path("id").asText()));
        assertEquals("清河水坝之争", stories.path(1).path("titleZh").asText());
        JsonNode main = json(server, "/api/summary");
        assertEquals("openai-governance", main.path("story").path("id").asText());
        assertEquals(2, main.path("stories").size());
        JsonNode dam = json(server, "/api/summary?story=river-dam");
        assertEquals("The river dam dispute", dam.path("story").path("titleEn").asText());
        assertEquals("建坝派", dam.path("story").path("factions").path("build").path("zh").asText());
        assertEquals(0, dam.path("view").path("articles").asInt());
        assertTrue(json(server, "/api/factions/series?window=1d").path("series").size() > 0,
                "the main story's windows");
        assertEquals(0, json(server, "/api/factions/series?window=1d&story=river-dam").path("series").size(),
                "the other story has no window yet");
        HttpResponse<String> unknown = get(server, "/api/summary?story=no-such-story");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("river-dam"), unknown.body());
    }

    @Test
    void shouldAnswerFactionSeriesWithCountsIntervalsAndLowSampleFlags() throws Exception {
        JsonNode body = json(open(), "/api/factions/series?window=1d&from=2023-11-18&to=2023-11-22");

        assertEquals("1d", body.path("window").asText());
        assertEquals(List.of("acceleration", "safety"), fieldNames(body.path("series")));
        JsonNode safety = body.path("series").path("safety");
        // every point is the aggregate stage's window record
        assertEquals(List.of("2023-11-18T00:00:00Z", "2023-11-19T00:00:00Z", "2023-11-20T00:00:00Z",
                "2023-11-21T00:00:00Z"), texts(safety, "windowStart"));
        assertEquals(List.of("aggregate", "aggregate", "aggregate", "aggregate"), texts(safety, "basis"));
        JsonNode first = safety.get(0);
        // [11-18): d1-board-fires-altman -0.1 (ilya-sutskever), d1-safety-praised 0.5 (0.6 and 0.4)
        assertEquals(2, first.path("articles").asInt());
        assertEquals(0.2, first.path("meanScore").asDouble(), 1e-9);
        // t(1) = 12.7062, s = 0.4243: the interval is clipped to the whole range
        assertEquals("aggregate", first.path("ci95").path("method").asText());
        assertEquals(-1.0, first.path("ci95").path("low").asDouble(), 1e-9);
        assertEquals(1.0, first.path("ci95").path("high").asDouble(), 1e-9);
        assertTrue(first.path("lowSample").asBoolean());
        assertEquals(0, first.path("aggregate").path("copies").asInt());
        assertEquals(false, first.path("aggregate").path("final").asBoolean(true));
        // [11-21): d4-anthropic-gains alone: the aggregate's interval of one article is the whole range
        assertEquals(List.of(-1.0, 1.0), List.of(safety.get(3).path("ci95").path("low").asDouble(),
                safety.get(3).path("ci95").path("high").asDouble()));
        JsonNode acceleration = body.path("series").path("acceleration");
        assertEquals(List.of("2023-11-18T00:00:00Z", "2023-11-19T00:00:00Z", "2023-11-20T00:00:00Z",
                "2023-11-21T00:00:00Z"), texts(acceleration, "windowStart"));
    }

    @Test
    void shouldGiveEvidenceSentencesWithHighlightsForAPoint() throws Exception {
        JsonNode body = json(open(),
                "/api/evidence?kind=faction&target=safety&window=1d&windowStart=2023-11-19T12:00:00Z");

        assertEquals("2023-11-19T00:00:00Z", body.path("windowStart").asText());
        assertEquals(2, body.path("point").path("articles").asInt());
        JsonNode article = body.path("articles").get(0);
        assertEquals(DashboardFixtures.XSS_ID, article.path("article").path("id").asText());
        JsonNode sentence = article.path("sentences").get(0);
        assertEquals(DashboardFixtures.EVIDENCE_SENTENCE, sentence.path("text").asText());
        assertEquals(-0.7, sentence.path("targets").path("ilya-sutskever").path("score").asDouble());
        int start = sentence.path("highlights").get(0).path("start").asInt();
        int end = sentence.path("highlights").get(0).path("end").asInt();
        assertEquals("苏茨克维", DashboardFixtures.EVIDENCE_SENTENCE.substring(start, end));
        List<String> ids = new ArrayList<>();
        body.path("articles").forEach(item -> ids.add(item.path("article").path("id").asText()));
        assertEquals(List.of(DashboardFixtures.XSS_ID, "d2-board-criticised"), ids, "strongest portrayal first");
    }

    @Test
    void shouldReturnAnXssTitleAsAPlainJsonString() throws Exception {
        DashboardServer server = open();

        JsonNode article = json(server, "/api/articles/" + DashboardFixtures.XSS_ID);
        HttpResponse<String> raw = get(server, "/api/articles/" + DashboardFixtures.XSS_ID);

        assertEquals(DashboardFixtures.XSS_TITLE, article.path("article").path("title").asText());
        assertEquals(DashboardFixtures.XSS_TITLE, article.path("analysis").path("title").asText());
        assertEquals("nosniff", raw.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void shouldFilterArticlesAndCountCoverageAndEntities() throws Exception {
        DashboardServer server = open();

        assertEquals(List.of("d4-anthropic-gains", "d3-analysis", "d3-altman-returns-copy", "d3-altman-returns",
                        "d2-board-criticised", DashboardFixtures.XSS_ID, "d2-employees-back-altman",
                        "d1-safety-praised", "d1-board-fires-altman"),
                texts(json(server, "/api/articles?relevant=true").path("articles"), "id"));
        assertEquals(List.of("d4-anthropic-gains", "d3-analysis", "d3-altman-returns", "d2-board-criticised",
                        DashboardFixtures.XSS_ID),
                texts(json(server, "/api/articles?faction=safety&from=2023-11-19").path("articles"), "id"));
        assertEquals(List.of("d4-anthropic-gains", "d3-analysis", "d1-safety-praised"),
                texts(json(server, "/api/articles?source=" + enc("科技评论")).path("articles"), "id"));
        assertEquals(List.of("ultraman-toys"),
                texts(json(server, "/api/articles?entity=sam-altman&limit=1").path("articles"), "id"));

        JsonNode coverage = json(server, "/api/coverage?window=1d").path("coverage");
        assertEquals(List.of(2, 3, 2, 1), ints(coverage, "articles"));
        assertEquals(List.of(0, 0, 1, 0), ints(coverage, "copies"));

        JsonNode top = json(server, "/api/entities/top?limit=2").path("entities");
        assertEquals(List.of("sam-altman", "ilya-sutskever"), texts(top, "entity"));
        assertEquals(6, top.get(0).path("articles").asInt(), "the copy and the off-topic article do not count");
    }

    @Test
    void shouldAnswerSummaryAlertsAndErrorsAsDocumented() throws Exception {
        DashboardServer server = open();
        server.view().applyAlert(Json.tree("{\"faction\":\"safety\",\"message\":\"shift\"}"));

        JsonNode summary = json(server, "/api/summary");
        assertEquals("安全主义", summary.path("story").path("factions").path("safety").path("zh").asText());
        assertEquals(10, summary.path("view").path("articles").asInt());
        assertEquals(1, summary.path("view").path("rejected").path("NOT_JSON").asInt());
        assertEquals("shift", json(server, "/api/alerts").path("alerts").get(0).path("message").asText());

        assertEquals(400, get(server, "/api/factions/series?window=7m").statusCode());
        assertEquals(400, get(server, "/api/evidence?target=safety").statusCode());
        assertEquals(404, get(server, "/api/articles/nope").statusCode());
        assertEquals(404, get(server, "/api/nothing").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.url().resolve("/api/summary"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void shouldRequireTheTokenOnApiPageAndMetricsWhenOneIsConfigured() throws Exception {
        DashboardServer server = serve(DashboardFixtures.view(), TOKEN, List.of());

        assertEquals(401, get(server, "/api/summary").statusCode());
        assertEquals("Bearer realm=\"storywatch\"",
                get(server, "/api/summary").headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(401, get(server, "/api/summary", "Authorization", "Bearer wrong").statusCode());
        assertEquals(401, get(server, "/").statusCode());
        assertEquals(401, get(server, "/metrics").statusCode());
        assertEquals(401, get(server, "/api/events").statusCode());
        assertEquals(200, get(server, "/api/summary", "Authorization", "Bearer " + TOKEN).statusCode());
        assertEquals(200, get(server, "/metrics", "Authorization", "Bearer " + TOKEN).statusCode());
    }

    @Test
    void shouldTradeAPageTokenForAnHttpOnlySessionCookie() throws Exception {
        DashboardServer server = serve(DashboardFixtures.view(), TOKEN, List.of());

        HttpResponse<String> wrong = get(server, "/?token=wrong");
        HttpResponse<String> traded = get(server, "/?token=" + TOKEN);

        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(303, traded.statusCode());
        assertEquals("/", traded.headers().firstValue("Location").orElseThrow());
        String setCookie = traded.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains(TOKEN), "the cookie stands for the token, it is not the token");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertEquals(200, get(server, "/", "Cookie", cookie).statusCode());
        assertEquals(200, get(server, "/api/summary", "Cookie", cookie).statusCode());
        assertEquals(401, get(server, "/api/summary", "Cookie", AccessPolicy.COOKIE + "=forged").statusCode());
    }

    @Test
    void shouldAllowCrossOriginCallsOnlyFromConfiguredOrigins() throws Exception {
        DashboardServer server = serve(DashboardFixtures.view(), null, List.of("https://grafana.example.com"));

        HttpResponse<String> allowed = get(server, "/api/summary", "Origin", "https://grafana.example.com");
        HttpResponse<String> denied = get(server, "/api/summary", "Origin", "https://evil.example.com");
        HttpResponse<String> sameOrigin = get(server, "/api/summary", "Origin",
                "http://127.0.0.1:" + server.url().getPort());
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(server.url().resolve("/api/summary"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://grafana.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, allowed.statusCode());
        assertEquals("https://grafana.example.com",
                allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(403, denied.statusCode());
        assertTrue(denied.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(200, sameOrigin.statusCode());
        assertTrue(sameOrigin.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(204, preflight.statusCode());
        assertEquals("Authorization, Content-Type",
                preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
    }

    @Test
    void shouldRefuseForeignHostNamesOnLoopbackAgainstDnsRebinding() throws Exception {
        DashboardServer server = open();
        int port = server.url().getPort();

        assertEquals(200, get(server, "/api/summary").statusCode());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/summary HTTP/1.1\r\nHost: evil.example.com:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
        assertTrue(AccessPolicy.hostAllowed("localhost:" + port, true));
        assertTrue(AccessPolicy.hostAllowed("[::1]:" + port, true));
        assertFalse(AccessPolicy.hostAllowed(null, true));
        assertTrue(AccessPolicy.hostAllowed("dashboard.internal:8080", false));
    }

    @Test
    void shouldSendTheSecurityHeadersOnPageAssetsApiAndErrors() throws Exception {
        DashboardServer server = open();

        for (String path : List.of("/", "/assets/app.js", "/api/summary", "/no-such-page")) {
            HttpResponse<String> response = get(server, path);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'")
                    && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
        }
    }

    @Test
    void shouldServeThePageAndEchartsFromTheJarWithoutInlineScript() throws Exception {
        DashboardServer server = open();

        HttpResponse<String> page = get(server, "/");
        HttpResponse<String> echarts = get(server, "/assets/echarts.min.js");

        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("<script src=\"/assets/echarts.min.js\" defer></script>"));
        assertFalse(page.body().matches("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*"), "no inline script");
        assertEquals(200, echarts.statusCode());
        assertTrue(echarts.body().length() > 500_000 && echarts.body().contains("echarts"));
        assertEquals("text/javascript; charset=utf-8", echarts.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void shouldExposeStageCountersAndLagInPrometheusFormat() throws Exception {
        DashboardServer server = open();
        metrics.processed("score");
        metrics.processed("score");
        metrics.rejected("ingest");
        metrics.endToEndLag(Duration.ofMillis(1500));

        HttpResponse<String> response = get(server, "/metrics");

        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.contains("storywatch_stage_records_total{outcome=\"processed\",stage=\"score\"} 2.0"), body);
        assertTrue(body.contains("storywatch_stage_records_total{outcome=\"rejected\",stage=\"ingest\"} 1.0"), body);
        for (String stage : PipelineMetrics.STAGES) {
            for (String outcome : List.of("processed", "rejected", "late", "duplicate", "failed")) {
                assertTrue(body.contains("storywatch_stage_records_total{outcome=\"" + outcome + "\",stage=\""
                        + stage + "\"}"), stage + " " + outcome);
            }
        }
        assertTrue(body.contains("storywatch_end_to_end_lag_latest_seconds 1.5"), body);
        assertTrue(body.contains("storywatch_end_to_end_lag_seconds_count 1"), body);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldPushAnUpdateEventWhenTheViewChanges() throws Exception {
        DashboardServer server = open();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(server.url().resolve("/api/events"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            long first = nextVersion(events);
            assertEquals(server.view().version(), first);

            StanceScored late = ScoredArticleBuilder.article("late-news").publishedAt("2023-11-22T01:00:00Z")
                    .sentence("雷克加入Anthropic。", Map.of("jan-leike", 0.5, "anthropic", 0.4)).build();
            server.view().applyScored(late, 0L);

            assertEquals(first + 1, nextVersion(events));
        }
    }

    private static long nextVersion(BufferedReader events) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return Json.tree(line.substring(6)).path("version").asLong();
            }
        }
        throw new AssertionError("event stream ended");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    private static List<Integer> ints(JsonNode array, String field) {
        List<Integer> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asInt()));
        return values;
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
