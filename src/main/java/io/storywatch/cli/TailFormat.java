package io.storywatch.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storywatch.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Turns a record into the JSON object {@code tail} prints, keeping the value readable whatever its bytes are. */
final class TailFormat {

    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TailFormat() {
    }

    static ObjectNode toJson(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("timestamp", record.timestamp());
        node.put("key", record.key() == null ? null : utf8(record.key()));
        byte[] value = record.value();
        String text = value == null ? null : utf8(value);
        if (value == null) {
            node.putNull("value");
        } else if (text == null) {
            node.put("value", Base64.getEncoder().encodeToString(value));
            node.put("valueEncoding", "base64");
        } else {
            JsonNode json = json(text);
            if (json != null) {
                node.set("value", json);
            } else {
                node.put("value", text);
            }
        }
        ObjectNode headers = node.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return node;
    }

    /** The bytes as text when they are valid UTF-8, else null. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static JsonNode json(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return STRICT.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
