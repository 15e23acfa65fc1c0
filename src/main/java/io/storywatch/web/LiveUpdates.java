package io.storywatch.web;

import com.sun.net.httpserver.HttpExchange;
import io.storywatch.web.view.StoryView;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-Sent Events telling open pages that the view changed: an {@code update} event carrying the view's version
 * whenever it grew (at most every {@link #CHECK_EVERY}), and a comment line now and then to keep proxies from closing
 * the stream. The page then fetches what it shows again.
 */
final class LiveUpdates {

    static final Duration CHECK_EVERY = Duration.ofMillis(500);
    static final Duration KEEPALIVE_EVERY = Duration.ofSeconds(15);
    static final int MAX_CLIENTS = 32;

    private final StoryView view;
    private final AtomicInteger clients = new AtomicInteger();
    private volatile boolean open = true;

    LiveUpdates(StoryView view) {
        this.view = view;
    }

    /** Holds the exchange's thread until the client goes away or the server closes. */
    void stream(HttpExchange exchange) throws IOException {
        if (clients.incrementAndGet() > MAX_CLIENTS) {
            clients.decrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long sent = view.version();
            send(out, "retry: 3000\nevent: update\ndata: {\"version\":" + sent + "}\n\n");
            long lastWrite = System.nanoTime();
            while (open) {
                Thread.sleep(CHECK_EVERY.toMillis());
                long version = view.version();
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
            clients.decrementAndGet();
            exchange.close();
        }
    }

    int clients() {
        return clients.get();
    }

    void close() {
        open = false;
    }

    private static void send(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
