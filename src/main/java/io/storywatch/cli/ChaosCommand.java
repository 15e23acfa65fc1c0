package io.storywatch.cli;

import io.storywatch.chaos.ChaosOutcome;
import io.storywatch.chaos.ChaosReport;
import io.storywatch.chaos.ChaosScenarios;
import io.storywatch.story.Stories;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Crashes, stops, lost state, replays and hostile input against the real pipeline: what {@code scripts/chaos} runs. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Chaos scenarios on the embedded broker, each with `run` in a process of its own: SIGKILL at "
                + "random moments while articles stream in, SIGTERM in the middle of transactions, a restart without "
                + "the local state, a reset and replay of score and aggregate, hostile records. Checks that every "
                + "record ends exactly once in scored, rejected or failed, that no stage stops, and that the windows "
                + "equal a recount from the scored articles. A table on stdout (JSON with --json), progress on "
                + "stderr; exit status 1 when a scenario fails."})
public final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/chaos",
            description = "Where each scenario gets a data directory (emptied first). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--scenarios", paramLabel = "LIST", split = ",", defaultValue = "kill-9,restarts,hostile",
            description = "Which to run: kill-9, restarts (SIGTERM, state deleted, reset and replay), hostile. "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> scenarios;

    @Option(names = "--kills", paramLabel = "N", defaultValue = "10",
            description = "SIGKILLs of run in the kill-9 scenario. Default: ${DEFAULT-VALUE}.")
    int kills;

    @Option(names = "--articles", paramLabel = "N", defaultValue = "2000",
            description = "Valid articles of the kill-9 scenario. Default: ${DEFAULT-VALUE}.")
    int articles;

    @Option(names = "--restart-articles", paramLabel = "N", defaultValue = "400",
            description = "Valid articles of the restarts scenarios. Default: ${DEFAULT-VALUE}.")
    int restartArticles;

    @Option(names = "--hostile", paramLabel = "N", defaultValue = "1000",
            description = "Hostile records of the hostile scenario. Default: ${DEFAULT-VALUE}.")
    int hostile;

    @Option(names = "--hostile-articles", paramLabel = "N", defaultValue = "300",
            description = "Valid articles interleaved with them. Default: ${DEFAULT-VALUE}.")
    int hostileArticles;

    @Option(names = "--sentiment", paramLabel = "MODEL", defaultValue = "rules",
            description = "The score stage's model (see run --sentiment). Default: ${DEFAULT-VALUE}: the encoder "
                    + "costs about 7 times as much CPU per article, which makes 2,000 articles on two cores slow.")
    String sentiment;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20231117",
            description = "Seed of the articles, hostile records and kill moments. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait at most for the pipeline to finish a feed. Default: ${DEFAULT-VALUE}.")
    Duration settle;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream progress = System.err;
        ChaosScenarios chaos = new ChaosScenarios(
                new ChaosScenarios.Settings(dataDir.toAbsolutePath(), sentiment, seed, settle),
                Stories.defaultStory(), progress);
        List<ChaosOutcome> outcomes = new ArrayList<>();
        for (String scenario : scenarios) {
            switch (scenario.strip()) {
                case "kill-9" -> outcomes.add(chaos.killNine("kill-9 x" + kills, kills, articles, 0));
                case "restarts" -> outcomes.addAll(chaos.stopLoseStateReplay(restartArticles));
                case "hostile" -> outcomes.add(chaos.killNine("hostile", 0, hostileArticles, hostile));
                default -> throw new IllegalArgumentException("unknown scenario " + scenario
                        + "; use kill-9, restarts, hostile");
            }
        }
        if (json) {
            ChaosReport.json(outcomes, spec.commandLine().getOut());
        } else {
            ChaosReport.table(outcomes, spec.commandLine().getOut());
        }
        return outcomes.stream().allMatch(ChaosOutcome::passed) ? 0 : 1;
    }
}
