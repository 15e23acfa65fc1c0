package io.storywatch.stage.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.storywatch.event.RawArticle;
import io.storywatch.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/**
 * Decides whether a raw record is an article ingest can use, so that everything else in the pipeline may trust
 * its input; the first failing check names the {@link RejectionCode}.
 *
 * <p>Checks run cheapest first: size (before any decoding), strict UTF-8, one JSON object, {@code id}, {@code body},
 * the types of the optional string fields, then {@code publishedAt}. A valid {@code publishedAt} is returned in one
 * canonical form, {@code uuuu-MM-dd'T'HH:mm:ss[.fraction]±HH:MM} or {@code ...Z}, keeping the producer's offset;
 * accepted inputs are ISO-8601 date-times with an offset or {@code Z} (a space instead of {@code T} and offsets
 * without a colon are tolerated) and plain dates, which mean midnight UTC so that the article lands in that day's
 * window. A date-time without an offset is refused rather than guessed: for Chinese sources it is usually UTC+8, and
 * a wrong guess moves articles across day windows. A blank {@code publishedAt} counts as absent.
 */
public final class ArticleValidator {

    /** The RawArticle contract: values up to 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    private static final ObjectReader STRICT_READER =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DateTimeFormatter LENIENT_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private static final DateTimeFormatter CANONICAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final int maxBytes;

    public ArticleValidator() {
        this(DEFAULT_MAX_BYTES);
    }

    public ArticleValidator(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The outcome of validating one raw value. */
    public sealed interface Validation permits Valid, Invalid {
    }

    /** A usable article; {@code publishedAt} is canonical or null. */
    public record Valid(RawArticle article) implements Validation {
    }

    public record Invalid(Rejection rejection) implements Validation {
    }

    public int maxBytes() {
        return maxBytes;
    }

    public Validation validate(byte[] value) {
        if (value == null || value.length == 0) {
            return invalid(RejectionCode.NOT_JSON, "the record has no value");
        }
        if (value.length > maxBytes) {
            return invalid(RejectionCode.TOO_LARGE,
                    "the value is " + value.length + " bytes, over the limit of " + maxBytes + " bytes");
        }
        String text;
        try {
            text = decodeUtf8(value);
        } catch (NotUtf8Exception e) {
            return invalid(RejectionCode.NOT_UTF8, e.getMessage());
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // a byte order mark is legal UTF-8 but not JSON
        }
        JsonNode root;
        try {
            root = STRICT_READER.readTree(text);
        } catch (JsonProcessingException e) {
            return invalid(RejectionCode.NOT_JSON, "not JSON: " + describe(e));
        } catch (IOException e) {
            return invalid(RejectionCode.NOT_JSON, "not JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return invalid(RejectionCode.NOT_JSON, "the value holds no JSON document");
        }
        if (!root.isObject()) {
            return invalid(RejectionCode.NOT_AN_OBJECT,
                    "expected a JSON object, got " + root.getNodeType().name().toLowerCase());
        }
        JsonNode id = root.get("id");
        if (isAbsent(id)) {
            return invalid(RejectionCode.MISSING_ID, "the required field \"id\" is missing");
        }
        if (!id.isTextual()) {
            return wrongType("id", id);
        }
        if (id.textValue().isBlank()) {
            return invalid(RejectionCode.MISSING_ID, "the required field \"id\" is blank");
        }
        JsonNode body = root.get("body");
        if (isAbsent(body)) {
            return invalid(RejectionCode.MISSING_BODY, "the required field \"body\" is missing");
        }
        if (!body.isTextual()) {
            return wrongType("body", body);
        }
        if (body.textValue().isBlank()) {
            return invalid(RejectionCode.EMPTY_BODY, "the required field \"body\" is empty");
        }
        for (String field : new String[] {"title", "publishedAt", "source", "url", "language"}) {
            JsonNode node = root.get(field);
            if (!isAbsent(node) && !node.isTextual()) {
                return wrongType(field, node);
            }
        }
        String publishedAt = null;
        String rawPublishedAt = optionalText(root, "publishedAt");
        if (rawPublishedAt != null && !rawPublishedAt.isBlank()) {
            Optional<OffsetDateTime> parsed = parsePublishedAt(rawPublishedAt);
            if (parsed.isEmpty()) {
                return invalid(RejectionCode.BAD_TIMESTAMP, "\"publishedAt\" is \"" + abbreviate(rawPublishedAt)
                        + "\", expected ISO-8601 like 2024-05-28T10:00:00+08:00, 2024-05-28T02:00:00Z or 2024-05-28");
            }
            if (parsed.get().toInstant().isBefore(Instant.EPOCH)) {
                return invalid(RejectionCode.BAD_TIMESTAMP, "\"publishedAt\" is \"" + abbreviate(rawPublishedAt)
                        + "\", before 1970-01-01T00:00:00Z, which a record timestamp cannot hold");
            }
            publishedAt = CANONICAL.format(parsed.get());
        }
        return new Valid(new RawArticle(id.textValue(), optionalText(root, "title"), body.textValue(), publishedAt,
                optionalText(root, "source"), optionalText(root, "url"), optionalText(root, "language")));
    }

    /**
     * Reads an ISO-8601 date-time with offset or a plain date (midnight UTC); empty for anything else, including a
     * date-time without an offset.
     */
    public static Optional<OffsetDateTime> parsePublishedAt(String text) {
        String trimmed = text.strip();
        try {
            return Optional.of(LocalDate.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE)
                    .atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException notAPlainDate) {
            // fall through to date-time
        }
        try {
            TemporalAccessor parsed = LENIENT_DATE_TIME.parse(trimmed);
            if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Optional.empty();
            }
            return Optional.of(OffsetDateTime.from(parsed));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Decodes strictly: any malformed or unmappable byte sequence is an error, never a replacement character. */
    static String decodeUtf8(byte[] bytes) throws NotUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new NotUtf8Exception("not valid UTF-8 at byte " + in.position() + " of " + bytes.length);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new NotUtf8Exception("not valid UTF-8: truncated sequence at the end of " + bytes.length + " bytes");
        }
        out.flip();
        return out.toString();
    }

    static final class NotUtf8Exception extends Exception {
        NotUtf8Exception(String message) {
            super(message, null, false, false);
        }
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return isAbsent(node) ? null : node.textValue();
    }

    private static Invalid wrongType(String field, JsonNode node) {
        return invalid(RejectionCode.WRONG_TYPE,
                "\"" + field + "\" must be a string, got " + node.getNodeType().name().toLowerCase());
    }

    private static Invalid invalid(RejectionCode code, String message) {
        return new Invalid(new Rejection(code, message));
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String what = e.getOriginalMessage();
        int newline = what.indexOf('\n');
        if (newline >= 0) {
            what = what.substring(0, newline);
        }
        what = abbreviate(what);
        return location == null ? what : what + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
