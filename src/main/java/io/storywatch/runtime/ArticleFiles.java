package io.storywatch.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads article files into raw records byte for byte, valid or not: {@code .jsonl} is one record a line, {@code .json}
 * one article or an array of them, a directory every such file below it. Validation is ingest's job, not the feeder's.
 */
public final class ArticleFiles {

    /**
     * One record to send.
     *
     * @param key the article's "id" when the value is a JSON object with a string id, else null
     * @param origin where it came from, e.g. {@code articles.jsonl:12}, for messages
     * @param sourceBytes how many bytes of its file this record accounts for, for progress
     */
    public record RawRecord(String key, byte[] value, String origin, long sourceBytes) {
    }

    private ArticleFiles() {
    }

    /** The files a list of paths stands for: files as given, directories expanded, sorted within each directory. */
    public static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(ArticleFiles::isArticleFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                if (!isArticleFile(path)) {
                    throw new IllegalArgumentException(path + " is neither .jsonl nor .json");
                }
                files.add(path);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return files;
    }

    public static boolean isArticleFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".jsonl") || name.endsWith(".json");
    }

    public static void read(Path file, Consumer<RawRecord> sink) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonl")) {
            readLines(bytes, name, sink);
        } else {
            readDocument(bytes, name, sink);
        }
    }

    /** One record per non-blank line; a line's bytes are sent as they are, less the line break. */
    public static void readLines(byte[] bytes, String name, Consumer<RawRecord> sink) {
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            long consumed = Math.min(bytes.length, end + 1) - start;
            byte[] line = Arrays.copyOfRange(bytes, start, contentEnd);
            if (!isBlank(line)) {
                sink.accept(new RawRecord(idOf(line), line, name + ":" + lineNumber, consumed));
            }
            start = end + 1;
        }
    }

    /**
     * A JSON array gives one record per element, each element's own bytes; anything else (one object, or a file
     * that is not JSON at all) is one record holding the whole file.
     */
    public static void readDocument(byte[] bytes, String name, Consumer<RawRecord> sink) {
        List<RawRecord> elements = arrayElements(bytes, name);
        if (elements == null) {
            if (!isBlank(bytes)) {
                sink.accept(new RawRecord(idOf(bytes), bytes, name, bytes.length));
            }
            return;
        }
        long accounted = 0;
        for (int i = 0; i < elements.size(); i++) {
            RawRecord element = elements.get(i);
            long share = i == elements.size() - 1 ? bytes.length - accounted : element.sourceBytes();
            accounted += share;
            sink.accept(new RawRecord(element.key(), element.value(), element.origin(), share));
        }
    }

    /** The elements of a top-level JSON array as byte slices, or null when the document is not a well-formed array. */
    private static List<RawRecord> arrayElements(byte[] bytes, String name) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<RawRecord> elements = new ArrayList<>();
            int index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    return null;
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                parser.finishToken();
                int end = (int) parser.currentLocation().getByteOffset();
                byte[] element = Arrays.copyOfRange(bytes, start, end);
                elements.add(new RawRecord(idOf(element), element, name + "[" + index++ + "]", end - start));
            }
            if (parser.nextToken() != null) {
                return null;
            }
            return elements;
        } catch (IOException e) {
            return null;
        }
    }

    /** The "id" of a JSON object when it is a string; null for anything unreadable. */
    static String idOf(byte[] value) {
        try {
            JsonNode node = Json.mapper().readTree(value);
            if (node != null && node.isObject() && node.path("id").isTextual()) {
                return node.get("id").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: sent without a key, ingest rejects it with a reason
        }
        return null;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
