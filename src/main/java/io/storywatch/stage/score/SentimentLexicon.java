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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sentiment, event and modifier words the rules read, loaded from versioned one-entry-a-line text files so a
 * score can always name the lexicon that produced it.
 */
public final class SentimentLexicon {

    /** The files of the default lexicon, in {@code src/main/resources/lexicon/}. */
    public static final List<String> DEFAULT_FILES =
            List.of("general.tsv", "domain.tsv", "events.tsv", "modifiers.tsv", "english.tsv");

    private final String version;
    private final Map<String, LexiconEntry> entries;
    private final int longestWord;
    private final Node root = new Node();
    /** The root's children indexed by character: the first step of every scan, so it is a table look-up. */
    private final Node[] firstStep = new Node[Character.MAX_VALUE + 1];

    public SentimentLexicon(String version, Map<String, LexiconEntry> entries) {
        this.version = version;
        this.entries = Map.copyOf(entries);
        this.longestWord = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (LexiconEntry entry : entries.values()) {
            Node node = root;
            for (char c : entry.word().toCharArray()) {
                node = node.childOrNew(fold(c));
            }
            node.entry = entry;
        }
        for (int k = 0; k < root.keys.length; k++) {
            firstStep[root.keys[k]] = root.children[k];
        }
    }

    /** A character trie over the words, so a scan tries every word starting at a position in one walk. */
    private static final class Node {
        char[] keys = new char[0];
        Node[] children = new Node[0];
        LexiconEntry entry;

        Node child(char c) {
            int at = java.util.Arrays.binarySearch(keys, c);
            return at >= 0 ? children[at] : null;
        }

        Node childOrNew(char c) {
            int at = java.util.Arrays.binarySearch(keys, c);
            if (at >= 0) {
                return children[at];
            }
            int insert = -at - 1;
            char[] newKeys = new char[keys.length + 1];
            Node[] newChildren = new Node[keys.length + 1];
            System.arraycopy(keys, 0, newKeys, 0, insert);
            System.arraycopy(children, 0, newChildren, 0, insert);
            newKeys[insert] = c;
            newChildren[insert] = new Node();
            System.arraycopy(keys, insert, newKeys, insert + 1, keys.length - insert);
            System.arraycopy(children, insert, newChildren, insert + 1, keys.length - insert);
            keys = newKeys;
            children = newChildren;
            return newChildren[insert];
        }
    }

    /**
     * Every entry whose word starts at {@code from} in {@code text}, shortest first; {@code into} is cleared first.
     */
    public void matchesAt(CharSequence text, int from, List<LexiconEntry> into) {
        into.clear();
        if (from >= text.length()) {
            return;
        }
        Node node = firstStep[fold(text.charAt(from))];
        if (node == null) {
            return;
        }
        if (node.entry != null) {
            into.add(node.entry);
        }
        for (int i = from + 1; i < text.length(); i++) {
            node = node.child(fold(text.charAt(i)));
            if (node == null) {
                return;
            }
            if (node.entry != null) {
                into.add(node.entry);
            }
        }
    }

    /** Latin letters match in any case ("No", "no"); Chinese has none. */
    private static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Whether a word is written in Latin letters: it then matches only as a whole word. */
    public static boolean isLatin(String word) {
        char c = word.isEmpty() ? ' ' : word.charAt(0);
        return c < 128 && Character.isLetter(c);
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

    /** Every word of one kind, such as the verbs of saying ({@link CueKind#SPEECH}). */
    public Set<String> wordsOf(CueKind kind) {
        Set<String> words = new HashSet<>();
        entries.values().forEach(entry -> {
            if (entry.kind() == kind) {
                words.add(entry.word());
            }
        });
        return Set.copyOf(words);
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
