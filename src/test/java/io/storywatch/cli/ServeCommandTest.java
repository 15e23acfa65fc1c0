package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void shouldTakeTheDashboardOptionsFromTheHttpMixin() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--bootstrap-servers", "kafka:9092", "--http-port", "0", "--http-bind",
                "0.0.0.0", "--api-token", "t", "--cors-origin", "https://a.example,https://b.example");

        assertEquals("kafka:9092", serve.bootstrapServers);
        assertEquals(0, serve.http.port());
        assertEquals("0.0.0.0", serve.http.bind());
        assertEquals("t", serve.http.apiToken());
        assertEquals(List.of("https://a.example", "https://b.example"), serve.http.corsOrigins());
    }

    @Test
    void shouldBeASubcommandThatRequiresTheBootstrapServers() {
        StringWriter err = new StringWriter();
        CommandLine cli = StoryWatch.commandLine().setErr(new PrintWriter(err));

        int exit = cli.execute("serve");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--bootstrap-servers"), err.toString());
    }

    @Test
    void shouldShowTheStoryNamedOrTheOnlyOnePublishedOrElseTheBundledOne() {
        StoryDefinition bundled = Stories.defaultStory();
        StoryDefinition harbour = new StoryDefinition("harbour-strike", "1", Map.of("zh", "港口罢工"), Map.of(),
                List.of(), List.of(), List.of());
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--bootstrap-servers", "kafka:9092");

        assertEquals(harbour, serve.followedStory(Map.of("harbour-strike", harbour)));
        assertEquals(bundled, serve.followedStory(Map.of()));
        assertEquals(bundled, serve.followedStory(Map.of("harbour-strike", harbour, bundled.id(), bundled)));

        ServeCommand named = new ServeCommand();
        CommandLine cli = new CommandLine(named);
        cli.parseArgs("--bootstrap-servers", "kafka:9092", "--story-id", "harbour-strike");
        assertEquals(harbour, named.followedStory(Map.of("harbour-strike", harbour, bundled.id(), bundled)));
        CommandLine.ParameterException missing = assertThrows(CommandLine.ParameterException.class,
                () -> named.followedStory(Map.of(bundled.id(), bundled)));
        assertEquals("no story 'harbour-strike' on news.stories; there are [openai-governance]", missing.getMessage());
    }

    @Test
    void shouldShowEveryStoryNamedInTheOrderNamed() {
        StoryDefinition bundled = Stories.defaultStory();
        StoryDefinition harbour = new StoryDefinition("harbour-strike", "1", Map.of("zh", "港口罢工"), Map.of(),
                List.of(), List.of(), List.of());
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--bootstrap-servers", "kafka:9092", "--story-id", "harbour-strike",
                "--story-id", bundled.id());

        assertEquals(List.of(harbour, bundled),
                serve.followedStories(Map.of(bundled.id(), bundled, "harbour-strike", harbour)));
    }
}
