package io.storywatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.story.Faction;
import io.storywatch.story.FactionMember;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryEntity;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoryInfoTest {

    /** A media team's own story, with camps of its own and one name given in one language only. */
    private static final StoryDefinition HARBOUR = new StoryDefinition("harbour-strike", "3",
            Map.of("zh", "港口罢工", "en", "The harbour strike"), Map.of(), List.of(),
            List.of(new Faction("union", Map.of("zh", "工会", "en", "union"),
                            List.of(new FactionMember("dockers-union", null, null))),
                    new Faction("owners", Map.of("en", "port owners"), List.of()),
                    new Faction("city", Map.of(), List.of())),
            List.of());

    @Test
    void shouldTitleThePageAndNameTheCampsFromTheStoryDefinitionInItsOrder() {
        StoryInfo info = StoryInfo.of(HARBOUR);

        assertEquals(new StoryInfo("harbour-strike", "港口罢工", "The harbour strike", Map.of(
                "union", new StoryInfo.FactionName("工会", "union"),
                "owners", new StoryInfo.FactionName("port owners", "port owners"),
                "city", new StoryInfo.FactionName("city", "city"))), info);
        assertEquals(List.of("union", "owners", "city"), List.copyOf(info.factions().keySet()));
    }

    @Test
    void shouldNameEachEntityByItsFirstFullNamePerLanguage() {
        StoryDefinition story = new StoryDefinition("harbour-strike", "3", Map.of(), Map.of(),
                List.of(new StoryEntity("chen-hai", "person", null, Map.of("zh", List.of("陈海", "陈海生"),
                                "en", List.of("Chen Hai")), Map.of("zh", List.of("老陈")), Map.of(), null, null, null),
                        new StoryEntity("dockers-union", "organization", null, Map.of("zh", List.of(),
                                "en", List.of("Dockers' Union")), Map.of(), Map.of(), null, null, null)),
                List.of(), List.of());

        assertEquals(Map.of("chen-hai", new StoryInfo.EntityName("陈海", "Chen Hai"),
                "dockers-union", new StoryInfo.EntityName("Dockers' Union", "Dockers' Union")),
                StoryInfo.of(story).entities());
    }

    @Test
    void shouldFallBackToTheOtherLanguageAndThenTheIdForATitle() {
        StoryDefinition untitled = new StoryDefinition("quiet-story", "1", Map.of("en", "A quiet story"), Map.of(),
                List.of(), List.of(), List.of());
        StoryDefinition bare = new StoryDefinition("bare-story", "1", Map.of(), Map.of(), List.of(), List.of(),
                List.of());

        assertEquals(List.of("A quiet story", "A quiet story"),
                List.of(StoryInfo.of(untitled).titleZh(), StoryInfo.of(untitled).titleEn()));
        assertEquals(List.of("bare-story", "bare-story"),
                List.of(StoryInfo.of(bare).titleZh(), StoryInfo.of(bare).titleEn()));
    }

    @Test
    void shouldServeTheStorysOwnNamesInTheSummary() throws Exception {
        try (PipelineMetrics metrics = new PipelineMetrics();
             DashboardServer server = DashboardServer.serve(new HttpOptions(0, "127.0.0.1", null, List.of()),
                     StoryInfo.of(HARBOUR), DashboardFixtures.view(), metrics)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.url().resolve("/api/summary")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode story = Json.tree(response.body()).path("story");

            assertEquals(200, response.statusCode());
            assertEquals("港口罢工", story.path("titleZh").asText());
            assertEquals("工会", story.path("factions").path("union").path("zh").asText());
            // the API writes map keys in sorted order, like every other JSON of the project
            assertEquals(List.of("city", "owners", "union"), fieldNames(story.path("factions")));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
