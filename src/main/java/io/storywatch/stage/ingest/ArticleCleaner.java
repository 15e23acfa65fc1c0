package io.storywatch.stage.ingest;

import io.storywatch.event.ArticleCleaned;
import io.storywatch.event.RawArticle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ingest without Kafka: raw bytes in, a normalised {@link ArticleCleaned} or a {@link Rejection} out, so the stream
 * and the offline {@code analyze} command clean an article the same way.
 *
 * <p>{@code text} is the normalised title (folded onto one line), {@code "\n"}, and the normalised body, always, even
 * when the title is absent or empty: {@code text} then starts with {@code "\n"}, and the body always begins at
 * {@code title.length() + 1}. {@code contentHash} is the SHA-256 (lower-case hex) of the normalised <em>body</em>
 * only: syndicated copies of a wire story usually get a new headline from each outlet, and counting them once is the
 * point of the hash. {@code duplicateOf} is left null here; only the stream, which remembers earlier articles, sets it.
 */
public final class ArticleCleaner {

    private final ArticleValidator validator;
    private final TextNormalizer normalizer;

    public ArticleCleaner() {
        this(new ArticleValidator(), new TextNormalizer());
    }

    public ArticleCleaner(ArticleValidator validator, TextNormalizer normalizer) {
        this.validator = validator;
        this.normalizer = normalizer;
    }

    /** What became of one raw value. */
    public sealed interface Result permits Cleaned, Refused {
    }

    public record Cleaned(ArticleCleaned article) implements Result {
    }

    public record Refused(Rejection rejection) implements Result {
    }

    public Result clean(byte[] value) {
        ArticleValidator.Validation validation = validator.validate(value);
        if (validation instanceof ArticleValidator.Invalid invalid) {
            return new Refused(invalid.rejection());
        }
        return clean(((ArticleValidator.Valid) validation).article());
    }

    private Result clean(RawArticle raw) {
        String body = normalizer.normalize(raw.body());
        if (body.isEmpty()) {
            return new Refused(new Rejection(RejectionCode.EMPTY_BODY,
                    "\"body\" is empty once HTML and whitespace are removed"));
        }
        String title = normalizer.normalizeLine(raw.title());
        String text = title + "\n" + body;
        return new Cleaned(new ArticleCleaned(ArticleCleaned.SCHEMA_VERSION, raw.id(), title, body, text,
                raw.publishedAt(), blankToNull(raw.source()), blankToNull(raw.url()), blankToNull(raw.language()),
                sha256Hex(body), null));
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
