package io.storywatch.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a {@link Sentence}: tokens are written as one string of {@code length:pos} items separated by
 * spaces, each word being the next {@code length} characters of the sentence's text, with {@code +n} items for
 * {@code n} characters no token covers (white space), e.g. {@code "3:nr 1:p 2:v +1 1:w"}. Per token that is about a
 * tenth of the object form {@code {"word", "pos", "start", "end"}}, which is what made segmented articles the largest
 * records of the pipeline; the object form (schema version 1) is still read, and written for a sentence whose tokens
 * are not consecutive pieces of its text.
 */
final class SentenceJson {

    private SentenceJson() {
    }

    static final class Writer extends JsonSerializer<Sentence> {

        @Override
        public void serialize(Sentence sentence, JsonGenerator out, SerializerProvider serializers) throws IOException {
            out.writeStartObject();
            out.writeNumberField("index", sentence.index());
            out.writeNumberField("start", sentence.start());
            out.writeNumberField("end", sentence.end());
            if (sentence.text() != null) {
                out.writeStringField("text", sentence.text());
            }
            if (!sentence.tokens().isEmpty()) {
                String compact = compact(sentence);
                if (compact != null) {
                    out.writeStringField("tokens", compact);
                } else {
                    out.writeArrayFieldStart("tokens");
                    for (Token token : sentence.tokens()) {
                        out.writeStartObject();
                        out.writeStringField("word", token.word());
                        out.writeStringField("pos", token.pos());
                        out.writeNumberField("start", token.start());
                        out.writeNumberField("end", token.end());
                        out.writeEndObject();
                    }
                    out.writeEndArray();
                }
            }
            out.writeEndObject();
        }
    }

    /** The compact string of a sentence's tokens, or null when they are not consecutive pieces of its text. */
    static String compact(Sentence sentence) {
        String text = sentence.text();
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(sentence.tokens().size() * 6);
        int cursor = 0;
        for (Token token : sentence.tokens()) {
            int at = token.start() - sentence.start();
            int length = token.end() - token.start();
            if (at < cursor || length <= 0 || at + length > text.length() || !validPos(token.pos())
                    || !text.startsWith(token.word(), at) || token.word().length() != length) {
                return null;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (at > cursor) {
                out.append('+').append(at - cursor).append(' ');
            }
            out.append(length).append(':').append(token.pos());
            cursor = at + length;
        }
        return out.toString();
    }

    private static boolean validPos(String pos) {
        if (pos == null || pos.isEmpty()) {
            return false;
        }
        for (int i = 0; i < pos.length(); i++) {
            char c = pos.charAt(i);
            if (c == ' ' || c == ':' || c == '+') {
                return false;
            }
        }
        return true;
    }

    /** The tokens a compact string describes, with offsets into the article text. */
    static List<Token> tokens(String compact, String text, int start) throws IOException {
        List<Token> tokens = new ArrayList<>();
        if (compact.isEmpty()) {
            return tokens;
        }
        int cursor = 0;
        int i = 0;
        while (i < compact.length()) {
            int next = compact.indexOf(' ', i);
            if (next < 0) {
                next = compact.length();
            }
            if (compact.charAt(i) == '+') {
                cursor += parseLength(compact, i + 1, next);
            } else {
                int colon = compact.indexOf(':', i);
                if (colon < 0 || colon >= next - 1) {
                    throw new IOException("bad token item '" + compact.substring(i, next) + "'");
                }
                int length = parseLength(compact, i, colon);
                if (text == null || cursor + length > text.length()) {
                    throw new IOException("token item '" + compact.substring(i, next) + "' runs past the sentence");
                }
                tokens.add(new Token(text.substring(cursor, cursor + length), compact.substring(colon + 1, next),
                        start + cursor, start + cursor + length));
                cursor += length;
            }
            i = next + 1;
        }
        return tokens;
    }

    private static int parseLength(String compact, int from, int to) throws IOException {
        if (from >= to) {
            throw new IOException("bad token item at " + from);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = compact.charAt(i);
            if (c < '0' || c > '9' || value > 100_000_000) {
                throw new IOException("bad token length '" + compact.substring(from, to) + "'");
            }
            value = value * 10 + (c - '0');
        }
        if (value == 0) {
            throw new IOException("zero token length");
        }
        return value;
    }

    static final class Reader extends JsonDeserializer<Sentence> {

        @Override
        public Sentence deserialize(JsonParser in, DeserializationContext context) throws IOException {
            if (in.currentToken() != JsonToken.START_OBJECT) {
                return (Sentence) context.handleUnexpectedToken(Sentence.class, in);
            }
            int index = 0;
            int start = 0;
            int end = 0;
            String text = null;
            String compact = null;
            List<Token> objects = null;
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                switch (field) {
                    case "index" -> index = in.getValueAsInt();
                    case "start" -> start = in.getValueAsInt();
                    case "end" -> end = in.getValueAsInt();
                    case "text" -> text = value == JsonToken.VALUE_NULL ? null : in.getValueAsString();
                    case "tokens" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            compact = in.getText();
                        } else if (value == JsonToken.START_ARRAY) {
                            objects = List.of(context.readValue(in, Token[].class));
                        } else if (value != JsonToken.VALUE_NULL) {
                            return (Sentence) context.handleUnexpectedToken(Sentence.class, in);
                        }
                    }
                    default -> in.skipChildren();
                }
            }
            List<Token> tokens = compact != null ? tokens(compact, text, start) : objects;
            return new Sentence(index, start, end, text, tokens);
        }
    }
}
