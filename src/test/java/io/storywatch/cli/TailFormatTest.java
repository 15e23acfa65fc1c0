package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.storywatch.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TailFormatTest {

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("news.articles.rejected", 2, 41L, 1700000000000L, TimestampType.CREATE_TIME,
                -1, -1, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    @Test
    void shouldEmbedAJsonValueAsJsonWithHeadersAsStrings() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("storywatch.reject.code", "EMPTY_BODY".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("storywatch.reject.message", "正文为空".getBytes(StandardCharsets.UTF_8)));

        String line = Json.toString(TailFormat.toJson(record("a1",
                "{\"id\":\"a1\",\"n\":[1,2]}".getBytes(StandardCharsets.UTF_8), headers)));

        assertEquals("{\"topic\":\"news.articles.rejected\",\"partition\":2,\"offset\":41,\"timestamp\":1700000000000,"
                + "\"key\":\"a1\",\"value\":{\"id\":\"a1\",\"n\":[1,2]},\"headers\":{\"storywatch.reject.code\":"
                + "\"EMPTY_BODY\",\"storywatch.reject.message\":\"正文为空\"}}", line);
    }

    @Test
    void shouldKeepTextThatIsNotJsonAsAString() {
        String line = Json.toString(TailFormat.toJson(record(null,
                "{\"id\":1} trailing".getBytes(StandardCharsets.UTF_8), new RecordHeaders())));

        assertEquals("{\"topic\":\"news.articles.rejected\",\"partition\":2,\"offset\":41,\"timestamp\":1700000000000,"
                + "\"key\":null,\"value\":\"{\\\"id\\\":1} trailing\",\"headers\":{}}", line);
    }

    @Test
    void shouldWriteBytesThatAreNotUtf8AsBase64() {
        String line = Json.toString(TailFormat.toJson(record("k", new byte[] {(byte) 0xC3, (byte) 0x28},
                new RecordHeaders())));

        assertEquals("{\"topic\":\"news.articles.rejected\",\"partition\":2,\"offset\":41,\"timestamp\":1700000000000,"
                + "\"key\":\"k\",\"value\":\"wyg=\",\"valueEncoding\":\"base64\",\"headers\":{}}", line);
    }
}
