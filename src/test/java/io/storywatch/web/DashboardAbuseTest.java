package io.storywatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.web.view.ScoredArticleBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard under abuse, over raw sockets on 127.0.0.1 so that requests no client library would send are sent as
 * written: each defence answers with its status, and the server still serves an ordinary request afterwards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardAbuseTest {

    private static final String TOKEN = "s3cret-token";

    private final PipelineMetrics metrics = new PipelineMetrics();
    private final List<DashboardServer> servers = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        servers.forEach(DashboardServer::close);
        metrics.close();
    }

    @Test
    void shouldNeverServeAFileOutsideTheWebRootWhateverTheEncoding() throws Exception {
        DashboardServer server = serve(new HttpOptions(0, "127.0.0.1", null, List.of()));
        List<String> escapes = List.of(
                "/../../../../etc/passwd",
                "/assets/../../pom.xml",
                "/assets/./app.js",
                "/assets/..%2f..%2fetc%2fpasswd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/assets/%2E%2E/%2E%2E/pom.xml",
                "/%252e%252e/%252e%252e/etc/passwd",
                "/assets/%25252e%25252e/pom.xml",
                "/%252e%252e/%25zz/pom.xml",
                "/assets/%5c..%5c..%5cpom.xml",
                "/assets/..%255c..%255cpom.xml",
                "/assets/app.js%00.html",
                "/%zz");
        for (String path : escapes) {
            assertEquals(400, get(server, path, "").status(), path);
        }
        // a raw backslash is not even a valid URI: the JDK's server refuses it before the dashboard sees it
        assertEquals(400, get(server, "/assets/..\\..\\pom.xml", "").status());
        // resources of the jar that are not on the page's allow-list stay unreachable
        for (String path : List.of("/web/index.html", "/META-INF/MANIFEST.MF", "/logback.xml",
                "/io/storywatch/web/DashboardServer.class", "/assets/", "/assets/app.js/", "/%61ssets/app.js")) {
            assertEquals(404, get(server, path, "").status(), path);
        }

        Response page = get(server, "/assets/app.js", "");
        assertEquals(200, page.status());
        assertTrue(page.body().length() > 100, page.body());
    }

    @Test
    void shouldRefuseAnOverlongQueryStringWith414AndKeepServing() throws Exception {
        DashboardServer server = serve(new HttpOptions(0, "127.0.0.1", null, List.of()));
        String underLimit = "/api/summary?pad=" + "a".repeat(RequestLimits.MAX_TARGET_CHARS - 100);
        assertEquals(200, get(server, underLimit, "").status());

        Response overLimit = get(server, "/api/summary?pad=" + "a".repeat(RequestLimits.MAX_TARGET_CHARS), "");
        assertEquals(414, overLimit.status());
        assertTrue(overLimit.body().contains("\"error\""), overLimit.body());
        // far past the JDK's own request-line bound the connection is dropped unread, or refused as above
        int huge = get(server, "/api/summary?pad=" + "a".repeat(1 << 20), "").status();
        assertTrue(huge == 414 || huge == -1, "status " + huge);

        assertEquals(200, get(server, "/api/summary", "").status());
    }

    @Test
    void shouldRefuseOversizedOrTooManyHeadersWith431AndKeepServing() throws Exception {
        DashboardServer server = serve(new HttpOptions(0, "127.0.0.1", null, List.of()));
        String bigCookie = "Cookie: c=" + "x".repeat(4000) + "\r\n";
        assertEquals(200, get(server, "/api/summary", bigCookie).status());

        StringBuilder large = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            large.append("X-Pad-").append(i).append(": ").append("y".repeat(1000)).append("\r\n");
        }
        assertEquals(431, get(server, "/api/summary", large.toString()).status());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < RequestLimits.MAX_HEADERS + 10; i++) {
            many.append("X-Many-").append(i).append(": z\r\n");
        }
        assertEquals(431, get(server, "/api/summary", many.toString()).status());
        int huge = get(server, "/api/summary", "X-Huge: " + "h".repeat(1 << 20) + "\r\n").status();
        assertTrue(huge == 431 || huge == -1, "status " + huge);

        assertEquals(200, get(server, "/api/summary", "").status());
    }

    @Test
    void shouldRefuseALargeRequestBodyWith413AndKeepServing() throws Exception {
        DashboardServer server = serve(new HttpOptions(0, "127.0.0.1", null, List.of()));
        // declared too large: refused before a byte of it is read
        assertEquals(413, send(server, "POST /api/summary HTTP/1.1\r\nHost: " + host(server)
                + "\r\nContent-Length: 10000000\r\n\r\n").status());
        // chunked, so undeclared: refused once one byte past the limit is read
        String chunk = "c".repeat(RequestLimits.MAX_BODY_BYTES);
        String chunked = Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        assertEquals(413, send(server, "GET /api/summary HTTP/1.1\r\nHost: " + host(server)
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked).status());
        assertEquals(400, send(server, "GET /api/summary HTTP/1.1\r\nHost: " + host(server)
                + "\r\nContent-Length: lots\r\n\r\n").status());
        // a small body on a GET is ignored, a small body on a POST is still a 405
        assertEquals(200, send(server, "GET /api/summary HTTP/1.1\r\nHost: " + host(server)
                + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello").status());
        assertEquals(405, send(server, "POST /api/summary HTTP/1.1\r\nHost: " + host(server)
                + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello").status());

        assertEquals(200, get(server, "/api/summary", "").status());
    }

    @Test
    void shouldBoundLiveUpdateStreamsPerClientWith429AndInTotalWith503() throws Exception {
        DashboardServer perClient = serve(new HttpOptions(0, "127.0.0.1", null, List.of(), 2, 5));
        List<Socket> mine = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            mine.add(openStream(perClient, 200));
        }
        Socket refused = openStream(perClient, 429);
        assertTrue(refused.isConnected());
        // the rest of the dashboard is not held up by the streams
        assertEquals(200, get(perClient, "/api/summary", "").status());
        for (Socket socket : mine) {
            socket.close();
        }
        awaitStreamsReleased(perClient);
        assertEquals(0, perClient.liveUpdates().clientAddresses());
        openStream(perClient, 200);

        DashboardServer total = serve(new HttpOptions(0, "127.0.0.1", null, List.of(), 10, 3));
        for (int i = 0; i < 3; i++) {
            openStream(total, 200);
        }
        openStream(total, 503);
        assertEquals(3, total.liveUpdates().clients());
        assertEquals(1, total.liveUpdates().clientAddresses());
        assertEquals(200, get(total, "/api/summary", "").status());
    }

    @Test
    void shouldRefuseEveryNearMissOfTheTokenAndAdmitTheToken() throws Exception {
        DashboardServer server = serve(new HttpOptions(0, "127.0.0.1", TOKEN, List.of()));
        List<String> nearMisses = List.of("s3cret-tokem", "s3cret-toke", "s3cret-token-and-more", "S3CRET-TOKEN",
                "x", "s3cret-token1", "\u00e9" + TOKEN.substring(1));
        for (String offered : nearMisses) {
            assertEquals(401, get(server, "/api/summary", "Authorization: Bearer " + offered + "\r\n").status(),
                    offered);
            assertEquals(401, get(server, "/api/summary", "Cookie: " + AccessPolicy.COOKIE + "=" + offered
                    + "\r\n").status(), offered);
            assertEquals(401, get(server, "/?token=" + java.net.URLEncoder.encode(offered, StandardCharsets.UTF_8),
                    "").status(), offered);
        }
        assertEquals(401, get(server, "/api/summary", "Authorization: Bearer \r\n").status());
        assertEquals(401, get(server, "/?token=" + TOKEN + "%00", "").status());
        assertFalse(AccessPolicy.sameSecret(TOKEN.getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertTrue(AccessPolicy.sameSecret(TOKEN.getBytes(StandardCharsets.UTF_8),
                TOKEN.getBytes(StandardCharsets.UTF_8)));

        assertEquals(200, get(server, "/api/summary", "Authorization: Bearer " + TOKEN + "\r\n").status());
        assertEquals(303, get(server, "/?token=" + TOKEN, "").status());
    }

    @Test
    void shouldCutOffClientsThatTrickleTheirHeadersAndBoundTheConnectionsTheyHold() throws Exception {
        DashboardServer server = serve(new HttpOptions(0, "127.0.0.1", null, List.of()));
        // slow loris: 40 clients send a request line and then one header byte a second, never finishing
        List<Socket> trickling = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Socket socket = connect(server);
            socket.getOutputStream().write(("GET /api/summary HTTP/1.1\r\nHost: " + host(server) + "\r\nX-Slow: ")
                    .getBytes(StandardCharsets.US_ASCII));
            trickling.add(socket);
        }
        long started = System.nanoTime();
        Thread trickle = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Socket socket : trickling) {
                    try {
                        socket.getOutputStream().write('a');
                    } catch (IOException cutOff) {
                        // the server closed it: what the test waits for
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "slow-loris");
        trickle.start();
        try {
            // an ordinary client is served while they trickle
            assertEquals(200, get(server, "/api/summary", "").status());
            // clients that connect and say nothing fill the rest of the connection bound; past it the server
            // refuses a connection at once instead of holding one more
            for (int i = trickling.size(); i < RequestLimits.MAX_CONNECTIONS; i++) {
                connect(server);
            }
            // the silent ones' deadline runs from their connection, which on a busy machine is seconds later
            long lastConnected = System.nanoTime();
            long refusedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int status = 0;
            while (status != -1 && System.nanoTime() < refusedBy) {
                status = get(server, "/api/summary", "").status();
            }
            assertEquals(-1, status, "a connection past the bound of " + RequestLimits.MAX_CONNECTIONS);

            // no later than the request deadline (and the JDK's one-second timer) every one of them is cut off,
            // the trickling ones although they never stopped sending
            for (Socket socket : trickling) {
                assertCutOff(socket, started);
            }
            assertCutOff(sockets.get(sockets.size() - 1), lastConnected);
            assertEquals(200, get(server, "/api/summary", "").status());
        } finally {
            trickle.interrupt();
            trickle.join();
        }
    }

    private Socket connect(DashboardServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.url().getPort());
        sockets.add(socket);
        return socket;
    }

    /** The server closes the socket within the request deadline (plus slack for the JDK's timer and a busy machine). */
    private static void assertCutOff(Socket socket, long startedNanos) throws IOException {
        long deadline = startedNanos + TimeUnit.SECONDS.toNanos(RequestLimits.REQUEST_SECONDS + 10);
        int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        socket.setSoTimeout(left);
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "the server answered a request it never got whole");
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new AssertionError("the server still holds a connection after "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos) + " s", stillOpen);
        } catch (java.net.SocketException reset) {
            // closed while we were still writing: reset, which is cut off too
        }
    }

    private DashboardServer serve(HttpOptions options) throws Exception {
        DashboardServer server = DashboardServer.serve(options, DashboardFixtures.view(), metrics);
        servers.add(server);
        return server;
    }

    private static String host(DashboardServer server) {
        return "127.0.0.1:" + server.url().getPort();
    }

    private Response get(DashboardServer server, String target, String headers) throws IOException {
        return send(server, "GET " + target + " HTTP/1.1\r\nHost: " + host(server) + "\r\n" + headers
                + "Connection: close\r\n\r\n");
    }

    /** Sends the request as written and reads the response; status -1 when the server dropped the connection. */
    private static Response send(DashboardServer server, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.url().getPort())) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
            } catch (IOException dropped) {
                return new Response(-1, "");
            }
            try {
                return read(socket.getInputStream());
            } catch (IOException dropped) {
                return new Response(-1, "");
            }
        }
    }

    /** Reads a status line, headers and a body of Content-Length bytes (or to the end of the stream). */
    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return new Response(-1, "");
        }
        int length = -1;
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : new byte[0];
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
            if (bytes.size() > 64 * 1024) {
                throw new IOException("response line too long");
            }
        }
        return b == -1 && bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
    }

    /** Opens {@code /api/events}, checks its status and keeps the socket open until the test ends. */
    private Socket openStream(DashboardServer server, int expectedStatus) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.url().getPort());
        sockets.add(socket);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: " + host(server) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String statusLine = line(socket.getInputStream());
        assertEquals(expectedStatus, statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]),
                statusLine);
        return socket;
    }

    /**
     * A stream notices its client left on its next write; changing the view makes it write. Bounded: 40 rounds of
     * the stream's check interval.
     */
    private static void awaitStreamsReleased(DashboardServer server) throws InterruptedException {
        for (int round = 0; round < 40 && server.liveUpdates().clients() > 0; round++) {
            server.view().applyScored(ScoredArticleBuilder.article("bump-" + round)
                    .publishedAt("2023-11-22T01:00:00Z")
                    .sentence("雷克加入Anthropic。", Map.of("jan-leike", 0.5)).build(), 0L);
            Thread.sleep(LiveUpdates.CHECK_EVERY.toMillis());
        }
        assertEquals(0, server.liveUpdates().clients());
    }

    private record Response(int status, String body) {
    }
}
