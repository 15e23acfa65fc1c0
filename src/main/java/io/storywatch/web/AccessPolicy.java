package io.storywatch.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may read the dashboard and how the browser must treat what it serves: the bearer token (or the session
 * cookie the page gets in exchange for it), the CORS allow-list, and the security headers on every response.
 *
 * <p>The cookie holds an HMAC of the token, not the token, is HttpOnly and SameSite=Strict: page scripts cannot read
 * it and other sites cannot ride on it. The one write, {@code POST /api/corrections}, needs the token and a JSON body
 * (which a cross-site form cannot send), so there is nothing to forge.
 */
final class AccessPolicy {

    static final String COOKIE = "storywatch_session";
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
            "connect-src 'self'", "font-src 'self'", "base-uri 'none'", "form-action 'none'",
            "frame-ancestors 'none'");

    /** What to do with a request after the policy looked at it. */
    enum Verdict { ALLOW, FORBIDDEN_ORIGIN }

    private final byte[] token;
    private final String session;
    private final Set<String> corsOrigins;

    AccessPolicy(String apiToken, List<String> corsOrigins) {
        this.token = apiToken == null ? null : apiToken.getBytes(StandardCharsets.UTF_8);
        this.session = apiToken == null ? null : hmac(apiToken, "storywatch-dashboard-session");
        this.corsOrigins = Set.copyOf(corsOrigins);
    }

    /**
     * On a loopback address only loopback host names are served: a page on another site whose name an attacker
     * re-points to 127.0.0.1 (DNS rebinding) would otherwise be same-origin with the dashboard. On other addresses
     * the names the dashboard is reached under are not known here, and the token is the guard.
     */
    static boolean hostAllowed(String host, boolean loopbackBind) {
        if (!loopbackBind) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equalsIgnoreCase("localhost") || name.equals("[::1]") || name.startsWith("127.");
    }

    boolean requiresToken() {
        return token != null;
    }

    /** Headers every response carries, whatever its status. */
    void secure(Headers headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    /**
     * Checks the request's origin: same-origin and non-browser requests pass; a configured origin passes and gets
     * the CORS headers; any other origin is refused before anything is read.
     */
    Verdict checkOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null || sameOrigin(origin, exchange.getRequestHeaders().getFirst("Host"))) {
            return Verdict.ALLOW;
        }
        if (!corsOrigins.contains(origin)) {
            return Verdict.FORBIDDEN_ORIGIN;
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", origin);
        headers.add("Vary", "Origin");
        headers.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
        headers.set("Access-Control-Max-Age", "600");
        return Verdict.ALLOW;
    }

    /** Whether the request carries the token, as a bearer header or as the session cookie. */
    boolean authorized(HttpExchange exchange) {
        if (token == null) {
            return true;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && sameSecret(token, authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        List<String> cookies = exchange.getRequestHeaders().get("Cookie");
        if (cookies != null) {
            for (String header : cookies) {
                for (String cookie : header.split(";")) {
                    String[] pair = cookie.strip().split("=", 2);
                    if (pair.length == 2 && pair[0].equals(COOKIE) && sameSecret(
                            session.getBytes(StandardCharsets.UTF_8), pair[1].getBytes(StandardCharsets.UTF_8))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether a {@code ?token=} offered on the page is the token. */
    boolean validToken(String offered) {
        return token != null && offered != null
                && sameSecret(token, offered.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Compares a secret with what a client offered in time that depends on neither: both are hashed to 32 bytes
     * first, so not even the secret's length shows, then compared with {@link MessageDigest#isEqual}, which looks at
     * every byte whatever the first difference.
     */
    static boolean sameSecret(byte[] secret, byte[] offered) {
        try {
            return MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(secret),
                    MessageDigest.getInstance("SHA-256").digest(offered));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The Set-Cookie value that stands for the token from now on. */
    String sessionCookie() {
        return COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return "http".equals(uri.getScheme()) && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
