package io.storywatch.web;

import com.sun.net.httpserver.HttpExchange;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Server-Sent Events telling open pages that the view changed: an {@code update} event carrying the view's version
 * whenever it grew (at most every {@link #CHECK_EVERY}), and a comment line now and then to keep proxies from closing
 * the stream. The page then fetches what it shows again. Each open stream holds a thread, so their number is bounded
 * per client address ({@code 429} past it) and in total ({@code 503}); the per-address counts are dropped at zero.
 */
final class LiveUpdates {

    static final Duration CHECK_EVERY = Duration.ofMillis(500);
    static final Duration KEEPALIVE_EVERY = Duration.ofSeconds(15);
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final LongSupplier version;
    private final int maxPerClient;
    private final int maxTotal;
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private int total;
    private volatile boolean open = true;

    /** @param version the views' version: an {@code update} is sent whenever it changes */
    LiveUpdates(LongSupplier version, int maxPerClient, int maxTotal) {
        if (maxPerClient < 1 || maxTotal < 1) {
            throw new IllegalArgumentException("the live-update stream limits must be at least 1, got "
                    + maxPerClient + " per client and " + maxTotal + " in total");
        }
        this.version = version;
        this.maxPerClient = maxPerClient;
        this.maxTotal = maxTotal;
    }

    /** Holds the exchange's thread until the client goes away or the server closes. */
    void stream(HttpExchange exchange) throws IOException {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        int refused = admit(client);
        if (refused != 0) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            byte[] body = Json.toBytes(Map.of("error", refused == 429
                    ? "too many live-update streams from this address (at most " + maxPerClient + ")"
                    : "too many live-update streams (at most " + maxTotal + ")"));
            exchange.sendResponseHeaders(refused, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long sent = this.version.getAsLong();
            send(out, "retry: 3000\nevent: update\ndata: {\"version\":" + sent + "}\n\n");
            long lastWrite = System.nanoTime();
            while (open) {
                Thread.sleep(CHECK_EVERY.toMillis());
                long version = this.version.getAsLong();
                if (version != sent) {
                    sent = version;
                    send(out, "event: update\ndata: {\"version\":" + version + "}\n\n");
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > KEEPALIVE_EVERY.toNanos()) {
                    send(out, ": keepalive\n\n");
                    lastWrite = System.nanoTime();
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client closed the page, or the server is stopping
        } finally {
            release(client);
            exchange.close();
        }
    }

    /** Takes a slot for {@code client}: 0 when admitted, else the status to refuse it with. */
    private synchronized int admit(InetAddress client) {
        int mine = perClient.getOrDefault(client, 0);
        if (mine >= maxPerClient) {
            return 429;
        }
        if (total >= maxTotal) {
            return 503;
        }
        perClient.put(client, mine + 1);
        total++;
        return 0;
    }

    private synchronized void release(InetAddress client) {
        total--;
        perClient.computeIfPresent(client, (address, count) -> count > 1 ? count - 1 : null);
    }

    synchronized int clients() {
        return total;
    }

    /** How many client addresses hold a stream: the per-address bookkeeping never outgrows the open streams. */
    synchronized int clientAddresses() {
        return perClient.size();
    }

    void close() {
        open = false;
    }

    private static void send(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
