package io.storywatch.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.storywatch.runtime.ArticleFiles.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleFilesTest {

    /** A record as text, to compare whole records at once. */
    private static String show(RawRecord r) {
        return r.key() + " | " + new String(r.value(), StandardCharsets.UTF_8) + " | " + r.origin() + " | "
                + r.sourceBytes();
    }

    private static List<String> readLines(String text) {
        List<String> records = new ArrayList<>();
        ArticleFiles.readLines(text.getBytes(StandardCharsets.UTF_8), "a.jsonl", r -> records.add(show(r)));
        return records;
    }

    private static List<String> readDocument(String text) {
        List<String> records = new ArrayList<>();
        ArticleFiles.readDocument(text.getBytes(StandardCharsets.UTF_8), "a.json", r -> records.add(show(r)));
        return records;
    }

    @Test
    void shouldSendEachNonBlankLineAsItIsKeyedByItsId() {
        assertEquals(List.of(
                        "a1 | {\"id\":\"a1\",\"body\":\"奥特曼\"} | a.jsonl:1 | 31",
                        "null | not json at all | a.jsonl:3 | 17",
                        "null | {\"id\": 7, \"body\": \"x\"} | a.jsonl:4 | 24",
                        "a2 | {\"id\":\"a2\"} | a.jsonl:5 | 11"),
                readLines("{\"id\":\"a1\",\"body\":\"奥特曼\"}\n\nnot json at all\r\n{\"id\": 7, \"body\": \"x\"}\r\n"
                        + "{\"id\":\"a2\"}"));
    }

    @Test
    void shouldSplitAJsonArrayIntoTheExactBytesOfEachElement() {
        String first = "{ \"id\" : \"b1\", \"body\": \"\\u5965 x\" }";
        String second = "{\"id\":\"b2\",\"tags\":[1,{\"n\":2}]}";
        String document = "[\n  " + first + ",\n  " + second + "\n]\n";

        List<String> records = readDocument(document);

        int firstShare = first.length();
        assertEquals(List.of(
                "b1 | " + first + " | a.json[0] | " + firstShare,
                "b2 | " + second + " | a.json[1] | " + (document.length() - firstShare)), records);
    }

    @Test
    void shouldSendASingleObjectOrABrokenDocumentWhole() {
        assertEquals(List.of("c1 | {\"id\":\"c1\"}\n | a.json | 12"), readDocument("{\"id\":\"c1\"}\n"));
        assertEquals(List.of("null | [{\"id\":\"d1\"}, {broken | a.json | 21"), readDocument("[{\"id\":\"d1\"}, {broken"));
        assertEquals(List.of(), readDocument(" \n"));
    }

    @Test
    void shouldExpandDirectoriesRecursivelyToArticleFilesOnly(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("b.jsonl"), "");
        Files.writeString(dir.resolve("a.json"), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        Files.writeString(dir.resolve("sub/deeper/c.jsonl"), "");

        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.jsonl"), dir.resolve("sub/deeper/c.jsonl")),
                ArticleFiles.expand(List.of(dir)));
        assertThrows(IllegalArgumentException.class, () -> ArticleFiles.expand(List.of(dir.resolve("notes.txt"))));
        assertThrows(IllegalArgumentException.class, () -> ArticleFiles.expand(List.of(dir.resolve("missing"))));
    }
}
