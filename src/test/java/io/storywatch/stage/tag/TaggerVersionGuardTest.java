package io.storywatch.stage.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.event.EntitiesTagged;
import io.storywatch.json.Json;
import io.storywatch.stage.ingest.ArticleCleaner;
import io.storywatch.stage.segment.HanLpSegmenter;
import io.storywatch.stage.segment.SegmentStage;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fails when the tagger's output on the bundled samples changes while its version stays the same. */
class TaggerVersionGuardTest {

    private static final Path FIXTURE = Path.of(System.getProperty("basedir", "."),
            "src/test/resources/tag/tagger-output-digest.json");
    private static final String REFRESH = "tagger.guard.refresh";

    @Test
    void shouldChangeTheTaggerVersionWheneverItsOutputOnTheSamplesChanges() throws Exception {
        EntityTagger tagger = new EntityTagger();
        String digest = digestOfSamples(tagger);
        if (Boolean.getBoolean(REFRESH)) {
            Map<String, String> fixture = new LinkedHashMap<>();
            fixture.put("version", tagger.version());
            fixture.put("digest", digest);
            Files.writeString(FIXTURE, Json.toString(fixture) + "\n", StandardCharsets.UTF_8);
            return;
        }
        JsonNode fixture = Json.tree(Files.readString(FIXTURE, StandardCharsets.UTF_8));
        String how = "bump src/main/resources/tagger/VERSION, then refresh the fixture with "
                + "mvn -B -ntp -q test -Dtest=TaggerVersionGuardTest -D" + REFRESH + "=true and commit both";
        if (fixture.get("version").asText().equals(tagger.version())) {
            assertEquals(fixture.get("digest").asText(), digest,
                    "the tagger's output on the samples changed but its version " + tagger.version() + " did not: " + how);
        } else {
            assertEquals(fixture.get("version").asText(), tagger.version(),
                    "the tagger version changed; record its output: " + how.substring(how.indexOf("refresh")));
        }
    }

    /** SHA-256 of every tagged sample's entities, unlinked names and relevance, one JSON line each. */
    private static String digestOfSamples(EntityTagger tagger) throws IOException, NoSuchAlgorithmException {
        StoryDefinition story = Stories.defaultStory();
        HanLpSegmenter segmenter = HanLpSegmenter.forStory(story);
        ArticleCleaner cleaner = new ArticleCleaner();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = TaggerVersionGuardTest.class.getClassLoader()
                .getResourceAsStream("samples/articles.jsonl")) {
            assertNotNull(in, "samples/articles.jsonl on the class path");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()
                        || !(cleaner.clean(line.getBytes(StandardCharsets.UTF_8)) instanceof ArticleCleaner.Cleaned c)) {
                    continue;
                }
                EntitiesTagged tagged = tagger.tag(SegmentStage.segmented(c.article(), segmenter), story);
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("id", tagged.id());
                output.put("entities", tagged.entities());
                output.put("unlinked", tagged.unlinked());
                output.put("relevance", tagged.relevance());
                sha.update((Json.toString(output) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
