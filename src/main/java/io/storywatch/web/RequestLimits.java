package io.storywatch.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How large a request the dashboard reads and which paths it refuses outright, so that an oversized or crafted request
 * is answered with a clear status before any route looks at it. docs/api.md lists the limits.
 */
final class RequestLimits {

    /** Longest request target (path and query, as sent), in characters. */
    static final int MAX_TARGET_CHARS = 8 * 1024;
    /** Most bytes of request header names and values together. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Most request header lines. */
    static final int MAX_HEADERS = 100;
    /** Largest request body: only {@code POST /api/corrections} reads one, a few hundred bytes of JSON. */
    static final int MAX_BODY_BYTES = 4 * 1024;
    /** The exchange attribute that holds the body the check read. */
    static final String BODY_ATTRIBUTE = "storywatch.request-body";
    /**
     * Seconds a client has to send a request's line and headers (and its body, when it has one) from its first byte
     * on, and to send a first byte after connecting: a client that trickles its headers (slow loris) is cut off then.
     * The JDK's {@code sun.net.httpserver.maxReqTime}; a live-update stream, whose response never ends, is not limited.
     */
    static final int REQUEST_SECONDS = 10;
    /** Most connections open at once, live-update streams included; the JDK's {@code jdk.httpserver.maxConnections}. */
    static final int MAX_CONNECTIONS = 256;
    /** How often a path is percent-decoded when looking for dot segments (catches double and triple encoding). */
    private static final int DECODE_ROUNDS = 3;

    /** Why a request is refused: its status and the message of its {@code {"error": ...}} body. */
    record Refusal(int status, String message) {
    }

    private RequestLimits() {
    }

    /**
     * Bounds the time and connections a client can hold before it has sent a request. The JDK's server reads these
     * settings once, when the first server of the process starts, so they are set here, before it, unless the JVM was
     * given them ({@code -Dsun.net.httpserver.maxReqTime=S}, {@code -Djdk.httpserver.maxConnections=N}).
     */
    static void boundConnections() {
        setUnlessGiven("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
        setUnlessGiven("jdk.httpserver.maxConnections", String.valueOf(MAX_CONNECTIONS));
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The first limit the request's target, headers or body break, if any; reads at most the body limit. */
    static Optional<Refusal> check(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        int targetLength = (target == null ? 0 : target.length()) + (query == null ? 0 : query.length() + 1);
        if (targetLength > MAX_TARGET_CHARS) {
            return Optional.of(new Refusal(414, "request target longer than " + MAX_TARGET_CHARS + " characters"));
        }
        int headers = 0;
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headers++;
                headerBytes += header.getKey().length() + (value == null ? 0 : value.length()) + 4;
            }
        }
        if (headers > MAX_HEADERS || headerBytes > MAX_HEADER_BYTES) {
            return Optional.of(new Refusal(431, "request headers over " + MAX_HEADERS + " lines or "
                    + MAX_HEADER_BYTES + " bytes"));
        }
        return body(exchange);
    }

    private static Optional<Refusal> body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                return Optional.of(new Refusal(400, "bad Content-Length"));
            }
            if (declared > MAX_BODY_BYTES) {
                return Optional.of(tooLarge());
            }
        }
        // a chunked body declares no length: read one byte past the limit to know
        try (InputStream in = exchange.getRequestBody()) {
            byte[] read = in.readNBytes(MAX_BODY_BYTES + 1);
            if (read.length > MAX_BODY_BYTES) {
                return Optional.of(tooLarge());
            }
            exchange.setAttribute(BODY_ATTRIBUTE, read);
            return Optional.empty();
        }
    }

    private static Refusal tooLarge() {
        return new Refusal(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
    }

    /**
     * Whether a path names something inside the web root: no backslash, control character or dot segment, as sent
     * or after decoding it once, twice or three times. The page and its assets are an allow-list of jar resources,
     * so nothing is ever resolved against a directory; this refuses the attempt with a 400 instead of a 404.
     */
    static boolean safePath(String rawPath) {
        try {
            URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String path = rawPath;
        for (int round = 0; round < DECODE_ROUNDS; round++) {
            if (!safeAsIs(path)) {
                return false;
            }
            path = percentDecode(path);
        }
        return safeAsIs(path);
    }

    /** Decodes every valid {@code %XX} escape and keeps anything else as it is, so no later round can fail. */
    private static String percentDecode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean safeAsIs(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
