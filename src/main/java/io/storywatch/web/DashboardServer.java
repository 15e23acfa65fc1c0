package io.storywatch.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.web.view.StoryView;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard: page, JSON API, live updates and {@code /metrics} on the JDK's HTTP server, over a {@link StoryView}
 * that an {@link OutputTopicReader} keeps in step with the output topics. It exists apart from {@code run} so that
 * {@code run} serves it next to the stages and {@code serve} serves it against any cluster.
 */
public final class DashboardServer implements AutoCloseable {

    public static final String URL_FILE = "dashboard.url";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String ECHARTS = "/assets/echarts.min.js";
    private static final String CORRECTIONS = "/api/corrections";
    private static final Map<String, String[]> PAGE_FILES = Map.of(
            "/", new String[]{"web/index.html", "text/html; charset=utf-8"},
            "/index.html", new String[]{"web/index.html", "text/html; charset=utf-8"},
            "/assets/app.js", new String[]{"web/app.js", "text/javascript; charset=utf-8"},
            "/assets/app.css", new String[]{"web/app.css", "text/css; charset=utf-8"},
            "/favicon.ico", new String[]{"web/favicon.svg", "image/svg+xml"});

    private final HttpServer server;
    private final ExecutorService executor;
    private final AccessPolicy policy;
    private final DashboardApi api;
    private final LiveUpdates live;
    private final StoryViews views;
    private final PipelineMetrics metrics;
    private final OutputTopicReader reader;
    private final ScoredTopicLookup lookup;
    private final CorrectionSink corrections;
    private final boolean ownsMetrics;
    private final URI url;
    private final boolean loopback;

    static {
        RequestLimits.boundConnections();
    }

    private DashboardServer(HttpOptions options, StoryViews views, PipelineMetrics metrics,
                            boolean ownsMetrics, OutputTopicReader reader, ScoredTopicLookup lookup,
                            CorrectionSink corrections) throws IOException {
        this.views = views;
        this.metrics = metrics;
        this.ownsMetrics = ownsMetrics;
        this.reader = reader;
        this.lookup = lookup;
        this.policy = new AccessPolicy(options.apiToken(), options.corsOrigins());
        // a correction changes what every reader sees: only someone holding the token may make one
        this.corrections = policy.requiresToken() ? corrections : null;
        this.api = new DashboardApi(views, this.corrections);
        this.live = new LiveUpdates(views::version, options.sseMaxPerClient(), options.sseMaxTotal());
        InetAddress address = InetAddress.getByName(options.bind());
        this.loopback = address.isLoopbackAddress();
        this.server = HttpServer.create(new InetSocketAddress(address, options.port()), 64);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "storywatch-dashboard-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.url = URI.create("http://" + host(address) + ":" + server.getAddress().getPort() + "/");
    }

    /**
     * Serves the dashboard of {@code story} over the output topics of the cluster at {@code bootstrapServers},
     * counting into {@code metrics} (which the stages of this process count into too); prints {@code dashboard=URL} to
     * {@code out} and writes the URL to {@code dataDir/dashboard.url}. Closing it stops the server and the reader,
     * not the metrics.
     */
    public static DashboardServer start(HttpOptions options, StoryInfo story, String bootstrapServers,
                                        Path dataDir, PipelineMetrics metrics, PrintWriter out) throws IOException {
        return start(options, List.of(story), bootstrapServers, dataDir, metrics, false, out);
    }

    /** As above for several stories, each with its own view; the first is the page's default. */
    public static DashboardServer start(HttpOptions options, List<StoryInfo> stories, String bootstrapServers,
                                        Path dataDir, PipelineMetrics metrics, PrintWriter out) throws IOException {
        return start(options, stories, bootstrapServers, dataDir, metrics, false, out);
    }

    /** As above with metrics of its own, closed with the server. */
    public static DashboardServer start(HttpOptions options, StoryInfo story, String bootstrapServers,
                                        Path dataDir, PrintWriter out) throws IOException {
        return start(options, List.of(story), bootstrapServers, dataDir, new PipelineMetrics(), true, out);
    }

    /** As above for several stories, with metrics of its own, closed with the server. */
    public static DashboardServer start(HttpOptions options, List<StoryInfo> stories, String bootstrapServers,
                                        Path dataDir, PrintWriter out) throws IOException {
        return start(options, stories, bootstrapServers, dataDir, new PipelineMetrics(), true, out);
    }

    private static DashboardServer start(HttpOptions options, List<StoryInfo> stories, String bootstrapServers,
                                         Path dataDir, PipelineMetrics metrics, boolean ownsMetrics,
                                         PrintWriter out) throws IOException {
        ScoredTopicLookup lookup = new ScoredTopicLookup(bootstrapServers);
        StoryViews views = StoryViews.of(stories, () -> new StoryView(lookup, options.viewRetention()));
        OutputTopicReader reader = OutputTopicReader.start(bootstrapServers, views, metrics);
        CorrectionSink corrections = options.apiToken() == null ? null : new KafkaCorrectionSink(bootstrapServers);
        DashboardServer dashboard;
        try {
            dashboard = new DashboardServer(options, views, metrics, ownsMetrics, reader, lookup, corrections);
        } catch (IOException | RuntimeException e) {
            reader.close();
            lookup.close();
            if (corrections != null) {
                corrections.close();
            }
            throw e;
        }
        dashboard.announce(dataDir, out);
        return dashboard;
    }

    /** Serves a view fed by the caller (no Kafka), of the default story: for tests and for embedding. */
    public static DashboardServer serve(HttpOptions options, StoryView view, PipelineMetrics metrics)
            throws IOException {
        return serve(options, StoryInfo.defaultStory(), view, metrics);
    }

    /** Serves a view fed by the caller (no Kafka) under the given story's title and faction names. */
    public static DashboardServer serve(HttpOptions options, StoryInfo story, StoryView view,
                                        PipelineMetrics metrics) throws IOException {
        return serve(options, StoryViews.single(story, view), metrics);
    }

    /** Serves views fed by the caller (no Kafka), one per story, the first story the page's default. */
    public static DashboardServer serve(HttpOptions options, StoryViews views, PipelineMetrics metrics)
            throws IOException {
        return new DashboardServer(options, views, metrics, false, null, null, null);
    }

    /** As above, appending corrections to {@code corrections} (when a token is configured). */
    static DashboardServer serve(HttpOptions options, StoryInfo story, StoryView view, PipelineMetrics metrics,
                                 CorrectionSink corrections) throws IOException {
        return new DashboardServer(options, StoryViews.single(story, view), metrics, false, null, null, corrections);
    }

    /** Prints {@code dashboard=URL} and writes the URL to {@code dataDir/dashboard.url}. */
    public void announce(Path dataDir, PrintWriter out) throws IOException {
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(URL_FILE), url + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        out.println("dashboard=" + url);
        out.flush();
    }

    public URI url() {
        return url;
    }

    /** The main story's view. */
    public StoryView view() {
        return views.main().view();
    }

    public StoryViews views() {
        return views;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    LiveUpdates liveUpdates() {
        return live;
    }

    public Optional<OutputTopicReader> reader() {
        return Optional.ofNullable(reader);
    }

    @Override
    public void close() {
        live.close();
        server.stop(0);
        executor.shutdownNow();
        if (reader != null) {
            reader.close();
        }
        if (lookup != null) {
            lookup.close();
        }
        if (corrections != null) {
            corrections.close();
        }
        if (ownsMetrics) {
            metrics.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean streaming = false;
        try {
            policy.secure(exchange.getResponseHeaders());
            Optional<RequestLimits.Refusal> refusal = RequestLimits.check(exchange);
            if (refusal.isPresent()) {
                exchange.getResponseHeaders().set("Connection", "close");
                json(exchange, refusal.get().status(), Map.of("error", refusal.get().message()));
                return;
            }
            if (!AccessPolicy.hostAllowed(exchange.getRequestHeaders().getFirst("Host"), loopback)) {
                json(exchange, 403, Map.of("error", "unexpected Host header"));
                return;
            }
            if (policy.checkOrigin(exchange) == AccessPolicy.Verdict.FORBIDDEN_ORIGIN) {
                json(exchange, 403, Map.of("error", "origin not allowed"));
                return;
            }
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            boolean correcting = CORRECTIONS.equals(path);
            if (correcting ? !method.equals("POST") : !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", correcting ? "POST, OPTIONS" : "GET, OPTIONS");
                json(exchange, 405, Map.of("error", correcting ? CORRECTIONS + " takes POST only"
                        : "the dashboard is read-only but for " + CORRECTIONS + ": GET only"));
                return;
            }
            if (path == null || !path.startsWith("/api/articles/") && !RequestLimits.safePath(path)) {
                json(exchange, 400, Map.of("error", "bad path"));
                return;
            }
            if (policy.requiresToken() && !admitted(exchange, path, query)) {
                return;
            }
            if (correcting) {
                correct(exchange);
                return;
            }
            if (path.equals("/api/events")) {
                streaming = true;
                live.stream(exchange);
            } else if (path.startsWith("/api/")) {
                DashboardApi.Reply reply = api.handle(path, query);
                json(exchange, reply.status(), reply.body());
            } else if (path.equals("/metrics")) {
                send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(ECHARTS)) {
                asset(exchange, EchartsWebJar.resource(), "text/javascript; charset=utf-8");
            } else if (PAGE_FILES.containsKey(path)) {
                String[] file = PAGE_FILES.get(path);
                asset(exchange, file[0], file[1]);
            } else {
                json(exchange, 404, Map.of("error", "not found"));
            }
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed", exchange.getRequestURI(), e);
            json(exchange, 500, Map.of("error", "internal error"));
        } finally {
            if (!streaming) {
                exchange.close();
            }
        }
    }

    /**
     * A correction needs a JSON body: a form on another site cannot send one without a CORS preflight, which the
     * origin check refuses, and the session cookie is SameSite=Strict besides.
     */
    private void correct(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            json(exchange, 415, Map.of("error", "a correction is sent as application/json"));
            return;
        }
        byte[] body = (byte[]) exchange.getAttribute(RequestLimits.BODY_ATTRIBUTE);
        DashboardApi.Reply reply = api.correct(body == null ? new byte[0] : body);
        if (reply.status() == 201) {
            LOG.info("correction appended: {}", Json.toString(reply.body()));
        }
        json(exchange, reply.status(), reply.body());
    }

    /**
     * With a token configured: the page opened with {@code ?token=} trades it for the session cookie and is sent on
     * without the token in its address; anything else needs the bearer header or the cookie.
     */
    private boolean admitted(HttpExchange exchange, String path, String query) throws IOException {
        String offered = DashboardApi.parseQuery(query).get("token");
        if (path.equals("/") && offered != null) {
            if (policy.validToken(offered)) {
                exchange.getResponseHeaders().add("Set-Cookie", policy.sessionCookie());
                exchange.getResponseHeaders().set("Location", "/");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(303, -1);
                return false;
            }
        } else if (policy.authorized(exchange)) {
            return true;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"storywatch\"");
        if (path.equals("/") || path.equals("/index.html")) {
            send(exchange, 401, "text/plain; charset=utf-8", ("401 Unauthorized: this dashboard needs its API "
                    + "token. Open it once as /?token=YOUR_TOKEN (the token is then kept in an HttpOnly cookie).\n")
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            json(exchange, 401, Map.of("error", "missing or wrong bearer token"));
        }
        return false;
    }

    private void asset(HttpExchange exchange, String resource, String contentType) throws IOException {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                json(exchange, 404, Map.of("error", "not found"));
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            send(exchange, 200, contentType, in.readAllBytes());
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "application/json; charset=utf-8", Json.toBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String host(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Where the ECharts WebJar keeps its bundle, whichever version the build resolved. */
    static final class EchartsWebJar {
        private static final String POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

        static String resource() {
            Properties properties = new Properties();
            try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(POM)) {
                if (in == null) {
                    throw new IllegalStateException("the ECharts WebJar is not on the classpath");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "META-INF/resources/webjars/echarts/" + properties.getProperty("version")
                    + "/dist/echarts.min.js";
        }
    }
}
