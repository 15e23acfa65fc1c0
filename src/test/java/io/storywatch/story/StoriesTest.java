package io.storywatch.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoriesTest {

    private static final Set<String> ISSUE_IDS = Set.of("sam-altman", "greg-brockman", "ilya-sutskever", "jan-leike",
            "dario-amodei", "daniela-amodei", "elon-musk", "geoffrey-hinton", "helen-toner", "tasha-mccauley",
            "adam-dangelo", "mira-murati", "satya-nadella", "john-schulman", "reid-hoffman", "larry-page",
            "bret-taylor", "larry-summers", "emmett-shear", "openai", "openai-board", "anthropic", "microsoft",
            "google", "deepmind", "tesla", "xai", "ssi", "y-combinator", "superalignment-team");

    @Test
    void shouldLoadTheDefaultStoryWithEveryCanonicalIdAndBothFactions() {
        StoryDefinition story = Stories.defaultStory();

        assertEquals("openai-governance", story.id());
        assertEquals(ISSUE_IDS, story.entities().stream().map(StoryEntity::id).collect(Collectors.toSet()));
        Map<String, Set<String>> factions = story.factions().stream().collect(Collectors.toMap(Faction::id,
                f -> f.members().stream().map(FactionMember::id).collect(Collectors.toSet())));
        assertEquals(Map.of(
                "safety", Set.of("ilya-sutskever", "jan-leike", "dario-amodei", "daniela-amodei", "helen-toner",
                        "tasha-mccauley", "anthropic", "ssi", "superalignment-team"),
                "acceleration", Set.of("sam-altman", "greg-brockman")), factions);
    }

    @Test
    void shouldReadBackTheSameStoryItWrites() {
        StoryDefinition story = Stories.defaultStory();

        assertEquals(story, Stories.parse(Stories.toJson(story), "round trip"));
    }

    @Test
    void shouldWriteOnlyTheDocumentedFields() {
        String json = Stories.toJson(Stories.defaultStory());

        assertEquals(Set.of("id", "version", "title", "keywords", "entities", "factions", "commonWords"),
                fieldNames(json, ""));
        assertEquals(Set.of("id", "type", "gender", "names", "aliases", "ambiguousAliases", "cues", "roles"),
                fieldNames(json, "/entities/0"));
    }

    private static Set<String> fieldNames(String json, String pointer) {
        Set<String> names = new java.util.TreeSet<>();
        io.storywatch.json.Json.tree(json).at(pointer).fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldLoadAStoryFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, """
                {"id": "tiny", "version": "7",
                 "entities": [{"id": "acme", "type": "organization", "names": {"en": ["Acme"]}}],
                 "factions": [{"id": "makers", "members": [{"id": "acme", "validFrom": "2020-01-01"}]}]}
                """);

        StoryDefinition story = Stories.load(file);

        assertEquals("tiny@7", story.label());
        assertEquals(List.of(new FactionMember("acme", "2020-01-01", null)), story.factions().get(0).members());
    }

    @Test
    void shouldLoadTheStoriesOfFilesAndThenOfADirectoryInNameOrderAndRefuseAStoryDefinedTwice(@TempDir Path dir)
            throws Exception {
        String story = Stories.toJson(Stories.defaultStory());
        Path given = dir.resolve("given.json");
        Files.writeString(given, story.replace("\"openai-governance\"", "\"given-story\""));
        Path stories = Files.createDirectories(dir.resolve("stories"));
        Files.writeString(stories.resolve("b.json"), story.replace("\"openai-governance\"", "\"b-story\""));
        Files.writeString(stories.resolve("a.json"), story.replace("\"openai-governance\"", "\"a-story\""));
        Files.writeString(stories.resolve("notes.txt"), "not a story");

        assertEquals(List.of("given-story", "a-story", "b-story"), Stories.loadAll(List.of(given), stories).stream()
                .map(StoryDefinition::id).toList());
        assertEquals(List.of("openai-governance"), Stories.loadAll(List.of(), null).stream()
                .map(StoryDefinition::id).toList(), "neither: the bundled story");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Stories.loadAll(List.of(given, given), null));
        assertEquals("story given-story is defined twice: in " + given + " and in " + given, twice.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals("no story file (*.json) in " + empty,
                assertThrows(IllegalArgumentException.class, () -> Stories.loadAll(List.of(), empty)).getMessage());
    }

    @Test
    void shouldRefuseAFactionMemberThatIsNotAnEntity() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class, () -> Stories.parse("""
                {"id": "s", "version": "1",
                 "entities": [{"id": "a", "type": "person", "names": {"en": ["Alice Ash"]}}],
                 "factions": [{"id": "f", "members": [{"id": "a"}, {"id": "bob"}]}]}
                """, "test"));

        assertEquals(List.of("factions[0].members[1]: unknown entity \"bob\""), error.problems());
    }

    @Test
    void shouldRefuseAnAliasSharedByTwoEntitiesWithoutCues() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class, () -> Stories.parse("""
                {"id": "s", "version": "1",
                 "entities": [
                   {"id": "dario", "type": "person", "names": {"zh": ["达里奥·阿莫迪"]}, "aliases": {"zh": ["阿莫迪"]},
                    "cues": {"positive": ["Anthropic"]}},
                   {"id": "daniela", "type": "person", "names": {"zh": ["丹妮拉·阿莫迪"]},
                    "ambiguousAliases": {"zh": ["阿莫迪"]}}]}
                """, "test"));

        assertEquals(List.of("entities[1].cues.positive: \"阿莫迪\" is shared by [dario, daniela] but \"daniela\" has "
                + "no positive cues to tell them apart"), error.problems());
    }

    @Test
    void shouldRefuseAnAliasThatIsUnambiguousForTwoEntities() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class, () -> Stories.parse("""
                {"id": "s", "version": "1",
                 "entities": [
                   {"id": "a", "type": "person", "names": {"en": ["Sam One"]}, "aliases": {"en": ["Sam"]},
                    "cues": {"positive": ["x"]}},
                   {"id": "b", "type": "person", "names": {"en": ["Sam Two"]}, "aliases": {"en": ["SAM"]},
                    "cues": {"positive": ["y"]}}]}
                """, "test"));

        assertEquals(List.of("entities[1].aliases.en[0]: \"sam\" is also a name of [a, b]; list it under "
                + "ambiguousAliases of all but one of them"), error.problems());
    }

    @Test
    void shouldListEveryProblemOfABrokenStory() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class, () -> Stories.parse("""
                {"id": "Bad Id", "version": "",
                 "entities": [
                   {"id": "a", "type": "robot", "gender": "other", "names": {}},
                   {"id": "a", "type": "person", "names": {"en": ["A"]}, "partOf": "nowhere",
                    "roles": [{"nouns": ["CEO"], "organization": "a", "validFrom": "2024-05-01", "validTo": "2023-01-01"},
                              {"nouns": ["CTO"], "validFrom": "May 2024"}]}]}
                """, "test"));

        assertEquals(List.of(
                "id: \"Bad Id\" must be lower-case words joined by '-', e.g. harbour-strike",
                "version: missing: give the story a version (e.g. \"1\") and raise it with every change",
                "entities[0].type: must be person or organization, not \"robot\"",
                "entities[0].gender: must be male or female (or left out), not \"other\"",
                "entities[0].names: no names: give at least one full name, e.g. {\"zh\": [\"...\"]}",
                "entities[1].id: \"a\" is already the id of entities[0]",
                "entities[1].roles[0].validTo: 2023-01-01 is before validFrom 2024-05-01",
                "entities[1].roles[1].validFrom: \"May 2024\" is not an ISO date (YYYY-MM-DD)",
                "entities[1].roles[0].organization: \"a\" is a robot, not an organization",
                "entities[1].partOf: unknown entity \"nowhere\""), error.problems());
    }

    @Test
    void shouldReadWhichBodiesAPersonSpeaksFor() {
        StoryDefinition story = Stories.parse("""
                {"id": "s", "version": "1",
                 "entities": [
                   {"id": "acme", "type": "organization", "names": {"en": ["Acme"]}},
                   {"id": "acme-board", "type": "organization", "partOf": "acme", "names": {"en": ["Acme board"]}},
                   {"id": "ann", "type": "person", "names": {"en": ["Ann Lee"]}, "memberOf": ["acme-board"]},
                   {"id": "bob", "type": "person", "names": {"en": ["Bob Lee"]}}]}
                """, "test");

        assertEquals(List.of("acme-board"), story.entities().get(2).memberOf());
        assertEquals(List.of(), story.entities().get(3).memberOf());
    }

    @Test
    void shouldRefuseAMembershipOfSomethingThatIsNotAnotherOrganisation() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class, () -> Stories.parse("""
                {"id": "s", "version": "1",
                 "entities": [
                   {"id": "acme", "type": "organization", "names": {"en": ["Acme"]}, "memberOf": ["acme"]},
                   {"id": "ann", "type": "person", "names": {"en": ["Ann Lee"]}, "memberOf": ["bob", "nowhere"]},
                   {"id": "bob", "type": "person", "names": {"en": ["Bob Lee"]}}]}
                """, "test"));

        assertEquals(List.of(
                "entities[0].memberOf[0]: an entity cannot be a member of itself",
                "entities[0].memberOf: only a person can be memberOf an organization",
                "entities[1].memberOf[0]: \"bob\" is a person, not an organization",
                "entities[1].memberOf[1]: unknown entity \"nowhere\""), error.problems());
    }

    @Test
    void shouldSayWhyTextIsNotAStory() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class,
                () -> Stories.parse("{\"id\": [1, 2]", "broken.json"));

        assertEquals(1, error.problems().size());
        assertEquals(List.of("not a story definition: Unexpected end-of-input: expected close marker for Object "
                + "(line 1, column 14)"), error.problems());
        assertTrue(error.getMessage().startsWith("invalid story broken.json:"), error.getMessage());
    }

    @Test
    void shouldNameTheFieldPathOfEveryProblemAndSuggestWhatWasMeant() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class, () -> Stories.parse("""
                // a team's story, with comments and a trailing comma as story init writes them
                {"id": "harbour-strike", "version": "1",
                 "entities": [
                   {"id": "dockers-union", "type": "organization", "names": {"zh": ["码头工会"]}},
                   {"id": "port-authority", "type": "organization", "names": {"zh": ["港务局", ""]},
                    "cues": {"positiv": ["码头"]}},
                 ],
                 "factions": [
                   {"id": "workers", "members": [{"id": "dockers-union"}]},
                   {"id": "owners", "members": [{"id": "port-authorty"}, {"id": "x"}]}],
                 "titel": {"zh": "港口罢工"}}
                """, "harbour.json"));

        assertEquals(List.of(
                "entities[1].cues.positiv: unknown field (did you mean \"positive\"?)",
                "titel: unknown field (did you mean \"title\"?)",
                "entities[1].names.zh[1]: empty name",
                "factions[1].members[0]: unknown entity \"port-authorty\" (did you mean \"port-authority\"?)",
                "factions[1].members[1]: unknown entity \"x\""), error.problems());
    }

    @Test
    void shouldSayWhereAValueHasTheWrongShape() {
        InvalidStoryException error = assertThrows(InvalidStoryException.class, () -> Stories.parse("""
                {"id": "s", "version": "1",
                 "entities": [{"id": "a", "type": "person", "names": {"zh": "安娜"}}]}
                """, "test"));

        assertEquals(1, error.problems().size());
        assertTrue(error.problems().get(0).startsWith("entities[0].names.zh: not a story definition: "),
                error.problems().get(0));
        assertTrue(error.problems().get(0).endsWith("(line 2, column 61)"), error.problems().get(0));
    }
}
