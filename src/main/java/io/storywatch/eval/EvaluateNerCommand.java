package io.storywatch.eval;

import io.storywatch.event.Token;
import io.storywatch.json.Json;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures HanLP's generic name finder (people, places, organisations) on a BIO-tagged corpus, as shipped and with
 * the story's dictionary, so that adding a story's names is seen not to hurt names in general.
 */
@Command(name = "ner", mixinStandardHelpOptions = true,
        description = "PER/ORG/LOC span F1 of HanLP's name finder on a BIO file, stock and with the story dictionary.")
public final class EvaluateNerCommand implements Callable<Integer> {

    private static final List<String> TYPES = List.of("PER", "ORG", "LOC");

    @Option(names = "--bio", required = true,
            description = "one 'char tag' per line, blank line between sentences (People's Daily BIO, or Weibo "
                    + "CoNLL with a digit after each char and tags like B-PER.NAM; GPE counts as LOC, NOM is skipped)")
    Path bio;

    @Option(names = "--story", description = "story definition JSON (default: the bundled story)")
    Path storyFile;

    @Option(names = "--json", description = "also write the figures as JSON to this file")
    Path json;

    /** A typed name span [start, end) in a sentence. */
    record Span(String type, int start, int end) {
    }

    /** A sentence of the corpus with its gold name spans. */
    record GoldSentence(String text, Set<Span> names) {
    }

    @Override
    public Integer call() throws IOException {
        StoryDefinition story = storyFile == null ? Stories.defaultStory() : Stories.load(storyFile);
        List<GoldSentence> corpus = read(bio);
        Map<String, Map<String, PrecisionRecall>> results = new LinkedHashMap<>();
        results.put("stock", score(HanLpSegmenter.nameFinder(null), corpus));
        results.put("story", score(HanLpSegmenter.nameFinder(story), corpus));

        System.out.printf("%s: %d sentences; HanLP name finder as shipped vs with story %s%n", bio.getFileName(),
                corpus.size(), story.label());
        for (String type : new ArrayList<>(results.get("stock").keySet())) {
            System.out.printf("  %-7s stock %s%n", type, results.get("stock").get(type).line());
            System.out.printf("  %-7s story %s%n", "", results.get("story").get(type).line());
        }
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", bio.toString());
            out.put("sentences", corpus.size());
            out.put("story", story.label());
            results.forEach((variant, byType) -> {
                Map<String, Object> figures = new LinkedHashMap<>();
                byType.forEach((type, pr) -> figures.put(type, pr.toMap()));
                out.put(variant, figures);
            });
            Files.writeString(json, Json.toString(out), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static Map<String, PrecisionRecall> score(HanLpSegmenter finder, List<GoldSentence> corpus) {
        Map<String, PrecisionRecall> byType = new LinkedHashMap<>();
        PrecisionRecall all = new PrecisionRecall();
        TYPES.forEach(t -> byType.put(t, new PrecisionRecall()));
        for (GoldSentence sentence : corpus) {
            Set<Span> found = new HashSet<>();
            for (Token token : finder.tokens(sentence.text(), 0)) {
                String type = type(token.pos());
                if (type != null) {
                    found.add(new Span(type, token.start(), token.end()));
                }
            }
            for (Span span : found) {
                PrecisionRecall pr = byType.get(span.type());
                if (sentence.names().contains(span)) {
                    pr.tp++;
                    all.tp++;
                } else {
                    pr.fp++;
                    all.fp++;
                }
            }
            for (Span span : sentence.names()) {
                if (!found.contains(span)) {
                    byType.get(span.type()).fn++;
                    all.fn++;
                }
            }
        }
        byType.put("overall", all);
        return byType;
    }

    /** HanLP's part-of-speech tags for names, by entity type. */
    static String type(String pos) {
        if (pos.equals("nr") || pos.equals("nrf") || pos.equals("nrj") || pos.equals("nr1") || pos.equals("nr2")) {
            return "PER";
        }
        if (pos.startsWith("ns")) {
            return "LOC";
        }
        if (pos.startsWith("nt")) {
            return "ORG";
        }
        return null;
    }

    static List<GoldSentence> read(Path file) throws IOException {
        List<GoldSentence> sentences = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<String> tags = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                flush(text, tags, sentences);
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            String ch = parts[0];
            if (ch.length() > 1 && Character.isDigit(ch.charAt(ch.length() - 1))) {
                ch = ch.substring(0, ch.length() - 1);
            }
            text.append(ch);
            String tag = parts.length > 1 ? parts[1] : "O";
            for (int i = 1; i < ch.length(); i++) {
                tags.add(tag.startsWith("B-") ? "I-" + tag.substring(2) : tag);
            }
            tags.add(tags.size() - (ch.length() - 1), tag);
        }
        flush(text, tags, sentences);
        return sentences;
    }

    private static void flush(StringBuilder text, List<String> tags, List<GoldSentence> sentences) {
        if (text.length() == 0) {
            return;
        }
        Set<Span> names = new HashSet<>();
        String type = null;
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            boolean begins = tag.startsWith("B-");
            boolean inside = tag.startsWith("I-");
            String tagType = begins || inside ? normalise(tag.substring(2)) : null;
            if (type != null && (begins || !inside || !type.equals(tagType))) {
                names.add(new Span(type, start, i));
                type = null;
            }
            if (tagType != null && (begins || type == null)) {
                type = tagType;
                start = i;
            }
        }
        names.removeIf(s -> s.type().isEmpty());
        sentences.add(new GoldSentence(text.toString(), names));
        text.setLength(0);
        tags.clear();
    }

    /** PER, ORG, LOC (GPE counts as LOC); nominal mentions (.NOM) are not names and give "". */
    private static String normalise(String type) {
        if (type.endsWith(".NOM")) {
            return "";
        }
        String base = type.endsWith(".NAM") ? type.substring(0, type.length() - 4) : type;
        return base.equals("GPE") ? "LOC" : base;
    }
}
