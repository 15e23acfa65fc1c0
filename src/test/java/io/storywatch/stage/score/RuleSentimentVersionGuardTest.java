package io.storywatch.stage.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Keeps the rules' version honest: a change in what they compute on fixed sentences must come with a new version. */
class RuleSentimentVersionGuardTest {

    private static final Path FIXTURE = Path.of("src/test/resources/score/rule-version-guard.json");
    private static final String REFRESH = "mvn -B -ntp -q test -Dtest=RuleSentimentVersionGuardTest "
            + "-Dstorywatch.refreshGuard=true";

    private static final RuleSentimentModel RULES = new RuleSentimentModel(SentimentLexicon.loadDefault());

    @Test
    void shouldChangeTheVersionWheneverTheRulesScoreFixedSentencesDifferently() throws IOException {
        List<SentenceInput> inputs = inputs();
        String inputDigest = inputDigest(inputs);
        String outputDigest = outputDigest(inputs);
        String version = RULES.version();
        Map<String, String> current = new TreeMap<>(Map.of("version", version, "inputs", inputDigest,
                "outputs", outputDigest));
        if (Boolean.getBoolean("storywatch.refreshGuard")) {
            Files.writeString(FIXTURE, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(current)
                    + "\n");
            return;
        }
        JsonNode fixture = Json.tree(Files.readString(FIXTURE));
        String recordedVersion = fixture.path("version").asText();
        boolean outputsMoved = !fixture.path("outputs").asText().equals(outputDigest);
        if (!fixture.path("inputs").asText().equals(inputDigest)) {
            fail("The guard's inputs changed (rule-guard-sentences.tsv, the bundled samples, target-aliases.tsv or "
                    + "HanLP), so it cannot tell whether the rules did. Check the rules did not change (bump "
                    + "src/main/resources/lexicon/VERSION if they did), then refresh " + FIXTURE + " with: "
                    + REFRESH);
        }
        if (outputsMoved && recordedVersion.equals(version)) {
            fail("The rules score the guard's sentences differently but still report version " + version
                    + ". Bump src/main/resources/lexicon/VERSION (the version every score carries), then refresh "
                    + FIXTURE + " with: " + REFRESH);
        }
        assertEquals(Map.of("version", recordedVersion, "outputs", fixture.path("outputs").asText()),
                Map.of("version", version, "outputs", outputDigest),
                "The version or the outputs changed and " + FIXTURE + " still records the old ones; refresh it "
                        + "with: " + REFRESH);
    }

    /** The hand-written sentences, then every sentence of the bundled samples with the story's names marked. */
    private static List<SentenceInput> inputs() throws IOException {
        List<SentenceInput> inputs = new ArrayList<>();
        for (String line : resource("score/rule-guard-sentences.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            List<String> namesAndIds = new ArrayList<>();
            for (int i = 1; i < fields.length; i++) {
                String[] formAndId = fields[i].split("=", 2);
                namesAndIds.add(formAndId[0]);
                namesAndIds.add(formAndId[1]);
            }
            inputs.add(Sentences.sentence(fields[0], namesAndIds.toArray(String[]::new)));
        }
        TargetAliases aliases = TargetAliases.loadDefault();
        List<String> ids = new ArrayList<>();
        for (String line : resource("score/target-aliases.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                ids.add(line.split("\t")[0].strip());
            }
        }
        for (String line : resource("samples/articles.jsonl").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            for (String text : Json.tree(line).path("text").asText().split("(?<=[。！？!?\n])")) {
                if (text.isBlank()) {
                    continue;
                }
                List<TargetSpan> spans = new ArrayList<>();
                ids.forEach(id -> spans.addAll(aliases.locate(text, id)));
                spans.sort(Comparator.comparingInt(TargetSpan::start));
                inputs.add(new SentenceInput(text, Sentences.tokens(text), spans));
            }
        }
        return inputs;
    }

    private static String inputDigest(List<SentenceInput> inputs) {
        StringBuilder all = new StringBuilder();
        for (SentenceInput input : inputs) {
            all.append(input.text()).append('\n');
            input.tokens().forEach(t -> all.append(t.word()).append('/').append(t.pos()).append(' '));
            input.targets().forEach(t -> all.append(t).append(' '));
            all.append('\n');
        }
        return sha256(all.toString());
    }

    /** The rules' unsquashed sums, role facts and cue signs: exact arithmetic, so the same on every machine. */
    private static String outputDigest(List<SentenceInput> inputs) {
        StringBuilder all = new StringBuilder();
        for (SentenceInput input : inputs) {
            RuleSentimentModel.SentenceAnalysis analysis = RULES.analyse(input);
            all.append(analysis.sentenceRaw()).append(' ').append(RULES.cueSigns(input)).append('\n');
            new TreeMap<>(analysis.targetRaw()).forEach((target, raw) -> all.append(target).append('=').append(raw)
                    .append(' ').append(new TreeSet<>(analysis.targetFacts().get(target))).append('\n'));
        }
        return sha256(all.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = RuleSentimentVersionGuardTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
