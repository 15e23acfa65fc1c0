package io.storywatch.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gold file of the story evaluation: labelled sentences and per-article faction labels, read by path. */
public record Gold(List<GoldSentence> sentences, Map<String, Map<String, String>> factions) {

    public static Gold read(Path path) {
        List<GoldSentence> sentences = new ArrayList<>();
        Map<String, Map<String, String>> factions = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(path)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = Json.tree(line);
                if (node.has("tid")) {
                    sentences.add(Json.mapper().treeToValue(node, GoldSentence.class));
                } else if (node.has("factions")) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    node.get("factions").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    factions.put(node.get("article").asText(), labels);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gold " + path, e);
        }
        return new Gold(sentences, factions);
    }

    public List<GoldSentence> sentencesOf(String article) {
        return sentences.stream().filter(s -> s.article().equals(article)).toList();
    }
}
