package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.story.FactionMember;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `story init` and `story validate` as a team begins its own story: from a list of names to a checked file. */
class StoryCommandTest {

    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result storywatch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = StoryWatch.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void shouldWriteACommentedStartingFileThatValidatesFromNamesAndCamps() throws Exception {
        Path file = dir.resolve("river-dam.json");

        Result init = storywatch("story", "init", "--id", "river-dam", "--title", "清河水坝之争",
                "--camp", "build=建坝派", "--camp", "protect=护河派",
                "--person", "魏长河,魏总@build", "--person", "苏晓岚@protect", "--person", "guide=向导老周",
                "--org", "清河水利集团@build", "--org", "river-friends=护河联盟,护河会@protect@build",
                "--out", file.toString());

        assertEquals(0, init.status(), init.err());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("// A story for storywatch"), text);
        assertTrue(text.contains("// TODO: words whose presence makes an article part of this story"), text);
        StoryDefinition story = Stories.load(file);
        assertEquals("river-dam@1", story.label());
        assertEquals(Map.of("zh", "清河水坝之争"), story.title());
        assertEquals(List.of("wei-changhe", "su-xiaolan", "guide", "qinghe-shuili-jituan", "river-friends"),
                story.entities().stream().map(StoryEntity::id).toList());
        assertEquals(List.of("person", "person", "person", "organization", "organization"),
                story.entities().stream().map(StoryEntity::type).toList());
        assertEquals(Map.of("zh", List.of("魏总")), story.entities().get(0).aliases());
        assertEquals(Map.of("zh", List.of("护河联盟")), story.entities().get(4).names());
        assertEquals(List.of("build", "protect"), story.factions().stream().map(f -> f.id()).toList());
        assertEquals(Map.of("zh", "建坝派"), story.factions().get(0).names());
        assertEquals(List.of("wei-changhe", "qinghe-shuili-jituan", "river-friends"),
                story.factions().get(0).members().stream().map(FactionMember::id).toList());
        assertEquals(List.of("su-xiaolan", "river-friends"),
                story.factions().get(1).members().stream().map(FactionMember::id).toList());

        Result validate = storywatch("story", "validate", file.toString());
        assertEquals(0, validate.status(), validate.err());
        assertEquals(file + ": valid story river-dam@1, 5 entities, 2 factions\n", validate.out());

        Result again = storywatch("story", "init", "--id", "river-dam", "--person", "魏长河", "--out", file.toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("exists; --force overwrites it"), again.err());
    }

    @Test
    void shouldRefuseACampNobodyDefined() {
        Result init = storywatch("story", "init", "--id", "river-dam", "--camp", "build=建坝派",
                "--person", "魏长河@biuld");

        assertEquals(2, init.status());
        assertTrue(init.err().contains("魏长河: unknown camp \"biuld\"; the camps are [build]"), init.err());
        assertEquals("", init.out());
    }

    @Test
    void shouldExplainEveryProblemWithItsFieldPathAndExitWithOne() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, """
                {"id": "river-dam", "version": "2",
                 "entities": [{"id": "wei-changhe", "type": "person", "names": {"zh": ["魏长河"]}},
                              {"id": "dam-group", "type": "company", "names": {"zh": ["清河水利集团"]}}],
                 "factions": [{"id": "build", "members": [{"id": "wei-changhe"}]},
                              {"id": "protect", "members": [{"id": "x"}], "name": {"zh": "护河派"}}]}
                """, StandardCharsets.UTF_8);

        Result validate = storywatch("story", "validate", file.toString());

        assertEquals(1, validate.status());
        assertEquals("", validate.out());
        assertEquals(List.of(
                file + ": factions[1].name: unknown field (did you mean \"names\"?)",
                file + ": entities[1].type: must be person or organization, not \"company\"",
                file + ": factions[1].members[0]: unknown entity \"x\"",
                file + ": 3 problems"), validate.err().lines().toList());
    }
}
