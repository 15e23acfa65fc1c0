package io.storywatch.stage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.event.RawArticle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleValidatorTest {

    private final ArticleValidator validator = new ArticleValidator();

    @Test
    void shouldAcceptACompleteArticleAndCanonicalisePublishedAt() {
        String json = """
                {"id": "a-1", "title": "奥特曼回到公司", "body": "董事会宣布奥特曼回归。",
                 "publishedAt": "2023-11-22 14:30:00+0800", "source": "示例日报",
                 "url": "https://example.org/a-1", "language": "zh", "extra": [1, 2]}""";

        assertEquals(new ArticleValidator.Valid(new RawArticle("a-1", "奥特曼回到公司", "董事会宣布奥特曼回归。",
                        "2023-11-22T14:30:00+08:00", "示例日报", "https://example.org/a-1", "zh")),
                validator.validate(utf8(json)));
    }

    @Test
    void shouldAcceptAMinimalArticleWithNullOptionalFields() {
        String json = "{\"id\": \"a-2\", \"body\": \"正文。\", \"title\": null, \"publishedAt\": \"  \"}";

        assertEquals(new ArticleValidator.Valid(new RawArticle("a-2", null, "正文。", null, null, null, null)),
                validator.validate(utf8(json)));
    }

    @Test
    void shouldAcceptAByteOrderMarkBeforeTheJson() {
        String json = "\uFEFF{\"id\": \"a-3\", \"body\": \"正文。\"}";

        assertEquals(new ArticleValidator.Valid(new RawArticle("a-3", null, "正文。", null, null, null, null)),
                validator.validate(utf8(json)));
    }

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                Arguments.of("{\"id\": \"x\", \"body\": ", RejectionCode.NOT_JSON,
                        "not JSON: Unexpected end-of-input within/between Object entries at line 1, column 21"),
                Arguments.of("{\"id\": \"x\", \"body\": \"a\"} trailing", RejectionCode.NOT_JSON,
                        "not JSON: Unrecognized token 'trailing': was expecting (JSON String, Number, Array,"
                                + " Object or token 'null', 'true' or 'false') at line 1, column 26"),
                Arguments.of("{\"id\": \"x\", \"body\": \"a\"} {}", RejectionCode.NOT_JSON,
                        "not JSON: Trailing token (of type START_OBJECT) found after value (bound as"
                                + " `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                                + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS` at line 1, column 26"),
                Arguments.of("   ", RejectionCode.NOT_JSON, "the value holds no JSON document"),
                Arguments.of("[{\"id\": \"x\", \"body\": \"正文\"}]", RejectionCode.NOT_AN_OBJECT,
                        "expected a JSON object, got array"),
                Arguments.of("\"正文\"", RejectionCode.NOT_AN_OBJECT, "expected a JSON object, got string"),
                Arguments.of("null", RejectionCode.NOT_AN_OBJECT, "expected a JSON object, got null"),
                Arguments.of("{\"body\": \"正文\"}", RejectionCode.MISSING_ID,
                        "the required field \"id\" is missing"),
                Arguments.of("{\"id\": \" \", \"body\": \"正文\"}", RejectionCode.MISSING_ID,
                        "the required field \"id\" is blank"),
                Arguments.of("{\"id\": 17, \"body\": \"正文\"}", RejectionCode.WRONG_TYPE,
                        "\"id\" must be a string, got number"),
                Arguments.of("{\"id\": \"x\"}", RejectionCode.MISSING_BODY, "the required field \"body\" is missing"),
                Arguments.of("{\"id\": \"x\", \"body\": null}", RejectionCode.MISSING_BODY,
                        "the required field \"body\" is missing"),
                Arguments.of("{\"id\": \"x\", \"body\": \" \\n\\t \"}", RejectionCode.EMPTY_BODY,
                        "the required field \"body\" is empty"),
                Arguments.of("{\"id\": \"x\", \"body\": 42}", RejectionCode.WRONG_TYPE,
                        "\"body\" must be a string, got number"),
                Arguments.of("{\"id\": \"x\", \"body\": [\"正文\"]}", RejectionCode.WRONG_TYPE,
                        "\"body\" must be a string, got array"),
                Arguments.of("{\"id\": \"x\", \"body\": \"正文\", \"title\": {\"zh\": \"标题\"}}",
                        RejectionCode.WRONG_TYPE, "\"title\" must be a string, got object"),
                Arguments.of("{\"id\": \"x\", \"body\": \"正文\", \"publishedAt\": 1716854400000}",
                        RejectionCode.WRONG_TYPE, "\"publishedAt\" must be a string, got number"),
                Arguments.of("{\"id\": \"x\", \"body\": \"正文\", \"publishedAt\": \"2024年5月28日\"}",
                        RejectionCode.BAD_TIMESTAMP, "\"publishedAt\" is \"2024年5月28日\", expected ISO-8601 like"
                                + " 2024-05-28T10:00:00+08:00, 2024-05-28T02:00:00Z or 2024-05-28"),
                Arguments.of("{\"id\": \"x\", \"body\": \"正文\", \"publishedAt\": \"2024-05-28T10:00:00\"}",
                        RejectionCode.BAD_TIMESTAMP, "\"publishedAt\" is \"2024-05-28T10:00:00\", expected ISO-8601"
                                + " like 2024-05-28T10:00:00+08:00, 2024-05-28T02:00:00Z or 2024-05-28"),
                // found by scripts/chaos: ingest used to fail on it (a negative record timestamp)
                Arguments.of("{\"id\": \"x\", \"body\": \"正文\", \"publishedAt\": \"0000-01-01T00:00:00Z\"}",
                        RejectionCode.BAD_TIMESTAMP, "\"publishedAt\" is \"0000-01-01T00:00:00Z\", before"
                                + " 1970-01-01T00:00:00Z, which a record timestamp cannot hold"));
    }

    @ParameterizedTest
    @MethodSource("malformedValues")
    void shouldRejectMalformedValuesWithTheirCode(String value, RejectionCode code, String message) {
        assertEquals(new ArticleValidator.Invalid(new Rejection(code, message)), validator.validate(utf8(value)));
    }

    @Test
    void shouldRejectAnEmptyOrNullValueAsNotJson() {
        ArticleValidator.Invalid expected =
                new ArticleValidator.Invalid(new Rejection(RejectionCode.NOT_JSON, "the record has no value"));

        assertEquals(expected, validator.validate(null));
        assertEquals(expected, validator.validate(new byte[0]));
    }

    @Test
    void shouldRejectInvalidUtf8NamingTheByte() {
        byte[] value = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertEquals(new ArticleValidator.Invalid(new Rejection(RejectionCode.NOT_UTF8,
                "not valid UTF-8 at byte 7 of 11")), validator.validate(value));
    }

    @Test
    void shouldRejectUtf8TruncatedAtTheEnd() {
        byte[] chinese = "{\"id\":\"中".getBytes(StandardCharsets.UTF_8);
        byte[] value = java.util.Arrays.copyOf(chinese, chinese.length - 1);

        assertEquals(new ArticleValidator.Invalid(new Rejection(RejectionCode.NOT_UTF8,
                "not valid UTF-8 at byte 7 of 9")), validator.validate(value));
    }

    @Test
    void shouldRejectOversizedValuesBeforeDecodingThem() {
        ArticleValidator small = new ArticleValidator(16);
        byte[] notEvenUtf8 = new byte[17];
        java.util.Arrays.fill(notEvenUtf8, (byte) 0xFF);

        assertEquals(new ArticleValidator.Invalid(new Rejection(RejectionCode.TOO_LARGE,
                "the value is 17 bytes, over the limit of 16 bytes")), small.validate(notEvenUtf8));
    }

    @Test
    void shouldAcceptAValueOfExactlyTheLimit() {
        byte[] value = utf8("{\"id\":\"x\",\"body\":\"ab\"}");
        ArticleValidator exact = new ArticleValidator(value.length);

        assertEquals(new ArticleValidator.Valid(new RawArticle("x", null, "ab", null, null, null, null)),
                exact.validate(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-05-28T10:00:00+08:00     | 2024-05-28T10:00+08:00",
            "2024-05-28T02:00:00Z          | 2024-05-28T02:00Z",
            "2024-05-28T02:00Z             | 2024-05-28T02:00Z",
            "2024-05-28t02:00:00z          | 2024-05-28T02:00Z",
            "2024-05-28 10:00:00+0800      | 2024-05-28T10:00+08:00",
            "2024-05-28T10:00:00.250-05:00 | 2024-05-28T10:00:00.250-05:00",
            "2024-05-28                    | 2024-05-28T00:00Z",
    })
    void shouldParseIsoDateTimesWithOffsetAndPlainDates(String text, String expected) {
        assertEquals(Optional.of(java.time.OffsetDateTime.parse(expected)), ArticleValidator.parsePublishedAt(text));
    }

    @ParameterizedTest
    @CsvSource({"2024-05-28T10:00:00", "2024/05/28", "28.05.2024", "2024-13-01", "yesterday", "1716854400000"})
    void shouldNotParseAmbiguousOrNonIsoTimestamps(String text) {
        assertEquals(Optional.empty(), ArticleValidator.parsePublishedAt(text));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
