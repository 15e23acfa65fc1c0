package io.storywatch.web;

import io.storywatch.cli.DurationConverter;
import io.storywatch.web.view.StoryView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The dashboard's command-line options, shared by every command that serves it ({@code run}, {@code serve}) as a
 * picocli mixin. Safe by default: loopback only, and a token when one is configured.
 */
public final class HttpOptions {

    public static final String TOKEN_ENV = "STORYWATCH_API_TOKEN";

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the dashboard and its API; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port = 8080;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the dashboard listens on; 0.0.0.0 exposes it to the network. "
                    + "Default: ${DEFAULT-VALUE}.")
    String bind = "127.0.0.1";

    @Option(names = "--api-token", paramLabel = "TOKEN", defaultValue = "${env:" + TOKEN_ENV + "}",
            description = "Require 'Authorization: Bearer TOKEN' on the API, /metrics and the page (open the page "
                    + "once with ?token=TOKEN). Default: the " + TOKEN_ENV + " environment variable, else none.")
    String apiToken;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
            description = "Origin allowed to call the API from a browser, e.g. https://grafana.example.com; "
                    + "repeatable. Default: none (same origin only).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--sse-max-per-client", paramLabel = "N", defaultValue = "4",
            description = "Most live-update streams (/api/events) open from one client address; more get 429. "
                    + "Default: ${DEFAULT-VALUE}.")
    int sseMaxPerClient = 4;

    @Option(names = "--sse-max-total", paramLabel = "N", defaultValue = "32",
            description = "Most live-update streams open in total; more get 503. Default: ${DEFAULT-VALUE}.")
    int sseMaxTotal = 32;

    @Option(names = "--view-retention", paramLabel = "DURATION", defaultValue = "400d",
            converter = DurationConverter.class,
            description = "News time the dashboard keeps in memory before the newest event time it has seen "
                    + "(articles, window records); older ones are dropped. Default: ${DEFAULT-VALUE}.")
    Duration viewRetention = StoryView.DEFAULT_RETENTION;

    public HttpOptions() {
    }

    public HttpOptions(int port, String bind, String apiToken, List<String> corsOrigins) {
        this.port = port;
        this.bind = bind;
        this.apiToken = apiToken;
        this.corsOrigins = new ArrayList<>(corsOrigins);
    }

    /** As above with the live-update stream limits. */
    public HttpOptions(int port, String bind, String apiToken, List<String> corsOrigins, int sseMaxPerClient,
                       int sseMaxTotal) {
        this(port, bind, apiToken, corsOrigins);
        this.sseMaxPerClient = sseMaxPerClient;
        this.sseMaxTotal = sseMaxTotal;
    }

    public int port() {
        return port;
    }

    public String bind() {
        return bind;
    }

    /** The configured token, or null when the dashboard is open to anyone who can reach its address. */
    public String apiToken() {
        return apiToken == null || apiToken.isBlank() ? null : apiToken;
    }

    public int sseMaxPerClient() {
        return sseMaxPerClient;
    }

    public int sseMaxTotal() {
        return sseMaxTotal;
    }

    public Duration viewRetention() {
        return viewRetention;
    }

    public List<String> corsOrigins() {
        return corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    }
}
