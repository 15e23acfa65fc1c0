package io.storywatch.stage.score;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sentiment, event and modifier words the rules read, loaded from versioned one-entry-a-line text files so a
 * score can always name the lexicon that produced it.
 */
public final class SentimentLexicon {

    /** The files of the default lexicon, in {@code src/main/resources/lexicon/}. */
    public static final List<String> DEFAULT_FILES =
            List.of("general.tsv", "domain.tsv", "events.tsv", "modifiers.tsv");

    private final String version;
    private final Map<String, LexiconEntry> entries;
    private final int longestWord;

    public SentimentLexicon(String version, Map<String, LexiconEntry> entries) {
        this.version = version;
        this.entries = Map.copyOf(entries);
        this.longestWord = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The lexicon shipped in the jar. */
    public static SentimentLexicon loadDefault() {
        ClassLoader loader = SentimentLexicon.class.getClassLoader();
        String version = readResource(loader, "lexicon/VERSION").strip();
        List<LexiconEntry> all = new ArrayList<>();
        for (String file : DEFAULT_FILES) {
            all.addAll(parse(readResource(loader, "lexicon/" + file), file));
        }
        return of(version, all);
    }

    /** A lexicon from a directory holding VERSION and *.tsv files. */
    public static SentimentLexicon load(Path directory) {
        try {
            String version = Files.readString(directory.resolve("VERSION")).strip();
            List<LexiconEntry> all = new ArrayList<>();
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                    all.addAll(parse(Files.readString(file), file.getFileName().toString()));
                }
            }
            return of(version, all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon " + directory, e);
        }
    }

    /** Builds a lexicon; a word listed twice must agree on kind and polarity sign. */
    public static SentimentLexicon of(String version, List<LexiconEntry> entries) {
        Map<String, LexiconEntry> byWord = new HashMap<>();
        for (LexiconEntry entry : entries) {
            LexiconEntry earlier = byWord.putIfAbsent(entry.word(), entry);
            if (earlier != null && (earlier.kind() != entry.kind()
                    || Math.signum(earlier.value()) != Math.signum(entry.value()))) {
                throw new IllegalArgumentException("conflicting lexicon entries for " + entry.word() + ": "
                        + earlier + " and " + entry);
            }
        }
        return new SentimentLexicon(version, byWord);
    }

    /** Parses lines {@code word<TAB>value<TAB>kind}; '#' starts a comment line. */
    public static List<LexiconEntry> parse(String text, String source) {
        List<LexiconEntry> result = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected word<TAB>value<TAB>kind");
            }
            try {
                result.add(new LexiconEntry(fields[0].strip(), Double.parseDouble(fields[1].strip()),
                        CueKind.parse(fields[2])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    public String version() {
        return version;
    }

    public Optional<LexiconEntry> lookup(String word) {
        return Optional.ofNullable(entries.get(word));
    }

    public int size() {
        return entries.size();
    }

    public Map<String, LexiconEntry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public int longestWord() {
        return longestWord;
    }

    private static String readResource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            StringBuilder text = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> text.append(line).append('\n'));
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
