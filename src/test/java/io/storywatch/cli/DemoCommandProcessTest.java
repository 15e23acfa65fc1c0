package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.json.Json;
import io.storywatch.story.Stories;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `demo` as a newcomer meets it: the dashboard's address comes first, and the page is there behind it. */
class DemoCommandProcessTest {

    private static final Pattern DASHBOARD_LINE = Pattern.compile("dashboard=http://127\\.0\\.0\\.1:\\d+/");

    @TempDir
    Path dataDir;

    @Test
    void shouldPrintTheDashboardUrlFirstAndServeTheStoryThere() throws Exception {
        Path stderr = dataDir.resolve("demo.err");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DemoWithShoutStage.class.getName(),
                "--data-dir", dataDir.resolve("demo").toString(), "--http-port", "0")
                .redirectError(stderr.toFile())
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && DASHBOARD_LINE.matcher(first).matches(),
                    "first line: " + first + "\n" + Files.readString(stderr));
            URI url = URI.create(first.substring("dashboard=".length()));
            assertEquals(url.toString(), Files.readString(dataDir.resolve("demo").resolve("dashboard.url")).strip());

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("id=\"sentiment-chart\""));
            JsonNode summary = Json.tree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url.resolve("/api/summary")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(Stories.defaultStory().id(), summary.path("story").path("id").asText());
            assertEquals(Stories.defaultStory().title().get("zh"), summary.path("story").path("titleZh").asText());
        } finally {
            demo.destroy();
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo still running a minute after SIGTERM");
        }
        assertTrue(Files.readString(stderr).contains("stopping"), Files.readString(stderr));
    }
}
