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
 * Measures word segmentation SIGHAN-style (words as character spans of each line, white space ignored), stock HanLP
 * beside HanLP with the story dictionary, so that keeping a story's names whole is seen not to cost general accuracy.
 */
@Command(name = "segmentation", mixinStandardHelpOptions = true,
        description = "SIGHAN-style word P/R/F1 (and OOV recall) of HanLP, stock and with the story dictionary.")
public final class EvaluateSegmentationCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "raw text, one sentence or paragraph a line")
    Path input;

    @Option(names = "--gold", required = true, description = "the same lines segmented, words separated by spaces")
    Path gold;

    @Option(names = "--training-words", description = "training vocabulary, one word a line, for OOV recall")
    Path trainingWords;

    @Option(names = "--story", description = "story definition JSON (default: the bundled story)")
    Path storyFile;

    @Option(names = "--json", description = "also write the figures as JSON to this file")
    Path json;

    @Override
    public Integer call() throws IOException {
        StoryDefinition story = storyFile == null ? Stories.defaultStory() : Stories.load(storyFile);
        List<String> inputs = Files.readAllLines(input, StandardCharsets.UTF_8);
        List<String> golds = Files.readAllLines(gold, StandardCharsets.UTF_8);
        if (inputs.size() != golds.size()) {
            System.err.printf("input has %d lines but gold %d%n", inputs.size(), golds.size());
            return 2;
        }
        Set<String> vocabulary = trainingWords == null ? null
                : new HashSet<>(Files.readAllLines(trainingWords, StandardCharsets.UTF_8).stream().map(String::trim)
                        .toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("story", story.label());
        out.put("lines", inputs.size());
        System.out.printf("%s: %d lines; HanLP as shipped vs with story %s%n", gold.getFileName(), inputs.size(),
                story.label());
        for (Map.Entry<String, HanLpSegmenter> variant : Map.of("stock", HanLpSegmenter.stock(),
                "story", HanLpSegmenter.forStory(story)).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .toList()) {
            PrecisionRecall words = new PrecisionRecall();
            long oov = 0;
            long oovFound = 0;
            for (int i = 0; i < inputs.size(); i++) {
                List<int[]> goldSpans = spans(List.of(golds.get(i).trim().split("\\s+")));
                List<String> found = new ArrayList<>();
                for (Token token : variant.getValue().tokens(inputs.get(i), 0)) {
                    found.add(token.word());
                }
                Set<Long> foundSpans = new HashSet<>();
                spans(found).forEach(s -> foundSpans.add(key(s)));
                Set<Long> goldKeys = new HashSet<>();
                String[] goldWords = golds.get(i).trim().split("\\s+");
                for (int w = 0; w < goldSpans.size(); w++) {
                    long key = key(goldSpans.get(w));
                    goldKeys.add(key);
                    if (vocabulary != null && !vocabulary.contains(goldWords[w])) {
                        oov++;
                        if (foundSpans.contains(key)) {
                            oovFound++;
                        }
                    }
                }
                for (long key : foundSpans) {
                    if (goldKeys.contains(key)) {
                        words.tp++;
                    } else {
                        words.fp++;
                    }
                }
                for (long key : goldKeys) {
                    if (!foundSpans.contains(key)) {
                        words.fn++;
                    }
                }
            }
            Map<String, Object> figures = words.toMap();
            String oovText = "";
            if (vocabulary != null) {
                double oovRecall = oov == 0 ? 0 : (double) oovFound / oov;
                figures.put("oovRecall", PrecisionRecall.round(oovRecall));
                figures.put("oovWords", oov);
                oovText = String.format("  OOV recall %.3f (%d words)", oovRecall, oov);
            }
            out.put(variant.getKey(), figures);
            System.out.printf("  %-5s %s%s%n", variant.getKey(), words.line(), oovText);
        }
        if (json != null) {
            Files.writeString(json, Json.toString(out), StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** Word spans over the line's characters with white space removed. */
    private static List<int[]> spans(List<String> words) {
        List<int[]> spans = new ArrayList<>();
        int at = 0;
        for (String word : words) {
            String stripped = word.replaceAll("\\s+", "");
            if (stripped.isEmpty()) {
                continue;
            }
            spans.add(new int[] {at, at + stripped.length()});
            at += stripped.length();
        }
        return spans;
    }

    private static long key(int[] span) {
        return ((long) span[0] << 32) | span[1];
    }
}
