package io.storywatch.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storywatch.story.Stories;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos run of the test suite: {@code run} in its own process, killed with SIGKILL once while valid
 * articles and hostile records stream in, then restarted to take the rest. Every record must end exactly once in
 * scored, rejected or failed, no stage may stop, and the windows must equal a recount. {@code scripts/chaos} runs the
 * long version.
 */
class ChaosTest {

    @TempDir
    Path workDir;

    @Test
    void shouldAccountForEveryRecordExactlyOnceAcrossAKillAndHostileInput() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ChaosScenarios chaos = new ChaosScenarios(new ChaosScenarios.Settings(workDir, "rules", 7, Duration.ofMinutes(4)),
                Stories.defaultStory(), new PrintStream(progress, true, StandardCharsets.UTF_8));

        ChaosOutcome outcome = chaos.killNine("kill-9 x1 + hostile", 1, 100, 200);

        StringWriter report = new StringWriter();
        ChaosReport.table(List.of(outcome), new PrintWriter(report));
        String why = report + "\n" + progress.toString(StandardCharsets.UTF_8);
        assertEquals(300, outcome.records(), why);
        assertEquals(0, outcome.lost(), why);
        assertEquals(0, outcome.duplicated(), why);
        assertEquals(0, outcome.stageStops(), why);
        assertEquals(300, outcome.scored() + outcome.rejected() + outcome.failed(), why);
        assertTrue(outcome.windows() > 100, why);
        assertEquals(0, outcome.windowsDiffer(), why);
        assertEquals(List.of(), outcome.checks(), why);
        assertTrue(outcome.rejected() > 50, "hostile records the validator must refuse were not refused: " + why);
        assertTrue(outcome.scored() >= 100, "fewer scored than the valid articles: " + why);
    }

    @Test
    void shouldMakeEveryKindOfHostileRecordAndEveryValidArticleOnce() {
        List<ChaosRecord> records = ChaosScenarios.plan(Stories.defaultStory(), 3, "t", 0, 300, 200);
        Set<String> ids = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        long valid = 0;
        for (ChaosRecord record : records) {
            kinds.add(record.kind());
            valid += record.valid() ? 1 : 0;
            if (record.id() != null) {
                assertTrue(ids.add(record.id()), "two records with id " + record.id());
            }
        }
        assertEquals(500, records.size());
        assertEquals(300, valid);
        HostileRecords grammar = new HostileRecords(new ChaosArticles(Stories.defaultStory(), 1), 2);
        assertTrue(kinds.containsAll(grammar.kinds()), "kinds missing: " + grammar.kinds());
        assertTrue(kinds.containsAll(List.of("article", "near-copy", "late")), kinds.toString());
    }
}
