package io.storywatch.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.event.EntityMentions;
import io.storywatch.event.Mention;
import io.storywatch.json.Json;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures entity tagging against sentence-level gold labels: precision, recall and F1 over (sentence, entity)
 * pairs, named and implicit mentions apart (implicit ones also per kind: pronoun, role noun, organisation
 * reference), with every miss and false hit, and what tagging costs beside
 * segmentation.
 */
@Command(name = "entities", mixinStandardHelpOptions = true,
        description = "Entity tagging P/R/F1 over (sentence, canonical id) pairs against gold labels.")
public final class EvaluateEntitiesCommand implements Callable<Integer> {

    private static final int WARM_UP_ROUNDS = 3;

    @Option(names = "--articles", required = true, description = "RawArticle JSONL")
    Path articles;

    @Option(names = "--gold", required = true, description = "gold JSONL (tid, article, sentence, entities, implicit)")
    Path gold;

    @Option(names = "--story", description = "story definition JSON (default: the bundled story)")
    Path storyFile;

    @Option(names = "--json", description = "also write the figures as JSON to this file")
    Path json;

    @Option(names = "--rounds", defaultValue = "5", description = "timed passes over the articles (default 5)")
    int rounds;

    @Option(names = "--quiet", description = "print only the summary, not every miss and false hit")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        StoryDefinition story = storyFile == null ? Stories.defaultStory() : Stories.load(storyFile);
        OfflineTagging pipeline = new OfflineTagging(story);
        Map<String, EntitiesTagged> tagged = new LinkedHashMap<>();
        long segmentNanos = 0;
        long tagNanos = 0;
        // warm-up rounds let the JIT settle so the timing compares steady states
        List<String> raws = new ArrayList<>();
        for (String line : Files.readAllLines(articles, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                raws.add(line);
            }
        }
        int rejected = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            raws.forEach(pipeline::tag);
        }
        for (int round = 0; round < rounds; round++) {
            for (String raw : raws) {
                OfflineTagging.Tagged result = pipeline.tag(raw);
                if (result == null) {
                    rejected += round == 0 ? 1 : 0;
                    continue;
                }
                tagged.put(result.article().id(), result.article());
                segmentNanos += result.segmentNanos();
                tagNanos += result.tagNanos();
            }
        }

        PrecisionRecall named = new PrecisionRecall();
        PrecisionRecall implicit = new PrecisionRecall();
        Map<String, PrecisionRecall> namedById = new TreeMap<>();
        Map<String, PrecisionRecall> implicitById = new TreeMap<>();
        Map<String, PrecisionRecall> implicitByKind = new LinkedHashMap<>();
        ImplicitKinds.ALL.forEach(kind -> implicitByKind.put(kind, new PrecisionRecall()));
        ImplicitKinds kinds = new ImplicitKinds();
        Map<String, StoryEntity> entities = new HashMap<>();
        story.entities().forEach(e -> entities.put(e.id(), e));
        List<Map<String, Object>> errors = new ArrayList<>();
        int sentences = 0;
        int unaligned = 0;
        Map<String, Aligner> aligners = new HashMap<>();
        for (String line : Files.readAllLines(gold, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = Json.tree(line);
            if (!node.has("tid")) {
                continue;
            }
            sentences++;
            String articleId = node.get("article").asText();
            EntitiesTagged article = tagged.get(articleId);
            Set<String> goldNamed = strings(node.get("entities"));
            Set<String> goldImplicit = strings(node.get("implicit"));
            goldImplicit.removeAll(goldNamed);
            int[] span = article == null ? null
                    : aligners.computeIfAbsent(articleId, id -> new Aligner(article.text()))
                            .find(OfflineTagging.normalise(node.get("sentence").asText()));
            Set<String> foundNamed = new TreeSet<>();
            Set<String> foundImplicit = new TreeSet<>();
            Map<String, String> implicitText = new HashMap<>();
            if (span == null) {
                unaligned++;
            } else {
                for (EntityMentions entity : article.entities()) {
                    for (Mention mention : entity.mentions()) {
                        if (mention.start() >= span[0] && mention.start() < span[1]) {
                            (mention.implicit() ? foundImplicit : foundNamed).add(entity.id());
                            if (mention.implicit()) {
                                implicitText.putIfAbsent(entity.id(), mention.text());
                            }
                        }
                    }
                }
                foundImplicit.removeAll(foundNamed);
            }
            String tid = node.get("tid").asText();
            String sentenceText = node.get("sentence").asText();
            count(tid, sentenceText, "named", goldNamed, foundNamed, named, namedById, errors);
            count(tid, sentenceText, "implicit", goldImplicit, foundImplicit, implicit, implicitById, errors);
            for (String id : union(goldImplicit, foundImplicit)) {
                String kind = foundImplicit.contains(id) ? kinds.ofMention(implicitText.get(id))
                        : kinds.ofMiss(sentenceText, entities.get(id));
                PrecisionRecall byKind = implicitByKind.get(kind);
                if (!foundImplicit.contains(id)) {
                    byKind.fn++;
                } else if (goldImplicit.contains(id)) {
                    byKind.tp++;
                } else {
                    byKind.fp++;
                }
            }
        }

        long timed = (long) Math.max(1, raws.size()) * Math.max(1, rounds);
        double segmentMs = segmentNanos / 1e6 / timed;
        double tagMs = tagNanos / 1e6 / timed;
        System.out.printf("story %s; %d articles (%d rejected by ingest), %d gold sentences (%d not aligned)%n",
                story.label(), raws.size(), rejected, sentences, unaligned);
        System.out.println("named    " + named.line());
        System.out.println("implicit " + implicit.line());
        implicitByKind.forEach((kind, pr) -> System.out.printf("  %-24s %s%n", kind, pr.line()));
        System.out.printf("CPU time per article: segmentation %.2f ms, tagging %.2f ms (tagging = %.1f%% of segmentation)%n",
                segmentMs, tagMs, 100 * tagMs / Math.max(1e-9, segmentMs));
        System.out.println("per entity (named):");
        namedById.forEach((id, pr) -> System.out.printf("  %-20s %s%n", id, pr.line()));
        System.out.println("per entity (implicit):");
        implicitById.forEach((id, pr) -> System.out.printf("  %-20s %s%n", id, pr.line()));
        if (!quiet) {
            System.out.println("misses and false hits:");
            for (Map<String, Object> error : errors) {
                System.out.printf("  %-5s %-8s %-20s %s  %s%n", error.get("error"), error.get("kind"),
                        error.get("entity"), error.get("tid"), error.get("sentence"));
            }
        }
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("story", story.label());
            out.put("articles", raws.size());
            out.put("sentences", sentences);
            out.put("unaligned", unaligned);
            out.put("named", named.toMap());
            out.put("implicit", implicit.toMap());
            Map<String, Object> byKind = new LinkedHashMap<>();
            implicitByKind.forEach((kind, pr) -> byKind.put(kind, pr.toMap()));
            out.put("implicitByKind", byKind);
            Map<String, Object> byId = new TreeMap<>();
            namedById.forEach((id, pr) -> byId.put(id, pr.toMap()));
            out.put("namedByEntity", byId);
            Map<String, Object> implicitByIdOut = new TreeMap<>();
            implicitById.forEach((id, pr) -> implicitByIdOut.put(id, pr.toMap()));
            out.put("implicitByEntity", implicitByIdOut);
            out.put("segmentationMsPerArticle", PrecisionRecall.round(segmentMs));
            out.put("taggingMsPerArticle", PrecisionRecall.round(tagMs));
            out.put("taggingShareOfSegmentation", PrecisionRecall.round(tagMs / Math.max(1e-9, segmentMs)));
            out.put("errors", errors);
            Files.writeString(json, Json.toString(out), StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static void count(String tid, String sentence, String kind, Set<String> gold, Set<String> found,
                              PrecisionRecall total, Map<String, PrecisionRecall> byId,
                              List<Map<String, Object>> errors) {
        Set<String> all = new TreeSet<>(gold);
        all.addAll(found);
        for (String id : all) {
            PrecisionRecall entity = byId.computeIfAbsent(id, k -> new PrecisionRecall());
            boolean inGold = gold.contains(id);
            boolean inFound = found.contains(id);
            if (inGold && inFound) {
                total.tp++;
                entity.tp++;
            } else if (inFound) {
                total.fp++;
                entity.fp++;
                errors.add(error("false", kind, id, tid, sentence));
            } else {
                total.fn++;
                entity.fn++;
                errors.add(error("miss", kind, id, tid, sentence));
            }
        }
    }

    private static Map<String, Object> error(String error, String kind, String id, String tid, String sentence) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("error", error);
        map.put("kind", kind);
        map.put("entity", id);
        map.put("tid", tid);
        map.put("sentence", sentence);
        return map;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** Finds a gold sentence in an article's text, ignoring white space. */
    static final class Aligner {
        private final String stripped;
        private final int[] offsets;

        Aligner(String text) {
            StringBuilder sb = new StringBuilder();
            int[] map = new int[text.length() + 1];
            for (int i = 0; i < text.length(); i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    map[sb.length()] = i;
                    sb.append(text.charAt(i));
                }
            }
            stripped = sb.toString();
            offsets = map;
        }

        /** [start, end) in the article text, or null when the sentence is not there. */
        int[] find(String sentence) {
            String wanted = sentence.replaceAll("\\s+", "");
            if (wanted.isEmpty()) {
                return null;
            }
            int at = stripped.indexOf(wanted);
            int length = wanted.length();
            if (at < 0) {
                int half = Math.max(4, wanted.length() / 2);
                at = stripped.indexOf(wanted.substring(0, half));
                if (at < 0) {
                    int suffix = stripped.indexOf(wanted.substring(wanted.length() - half));
                    if (suffix < 0) {
                        return null;
                    }
                    at = Math.max(0, suffix - (wanted.length() - half));
                }
                length = Math.min(length, stripped.length() - at);
            }
            return new int[] {offsets[at], offsets[at + length - 1] + 1};
        }
    }
}
