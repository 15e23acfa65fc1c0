package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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
}
