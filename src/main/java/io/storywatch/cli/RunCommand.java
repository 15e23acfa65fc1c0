package io.storywatch.cli;

import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.PipelineSession;
import io.storywatch.runtime.StageSettings;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.runtime.StreamsSettings;
import io.storywatch.runtime.TopicApplier.TopicStatus;
import io.storywatch.stage.Stage;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTopic;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import io.storywatch.web.DashboardServer;
import io.storywatch.web.StoryInfo;
import io.storywatch.web.HttpOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the pipeline until it is told to stop: the long-running job of storywatch. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the pipeline's stages until SIGTERM/SIGINT.",
                "Without --bootstrap-servers, starts an embedded single-node Kafka broker with its data in "
                        + "DATA_DIR/kafka (kept across restarts), prints one line bootstrap.servers=HOST:PORT to "
                        + "stdout and writes it to DATA_DIR/bootstrap.servers. Then creates missing topics from "
                        + "topics/ and starts the stages, exactly-once."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Use this Kafka cluster instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Broker data (embedded only), stage state and the bootstrap.servers file. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--stages", paramLabel = "STAGE", split = ",",
            description = "Stages to run, default all, in pipeline order: ${COMPLETION-CANDIDATES}.",
            completionCandidates = StageNames.class)
    List<String> stages = List.of();

    @Option(names = "--story", paramLabel = "FILE",
            description = "A story definition to follow instead of the bundled one; repeatable, to follow several "
                    + "at once (the first is the main story and the dashboard's default).")
    List<Path> storyFiles = new ArrayList<>();

    @Option(names = "--stories", paramLabel = "DIR",
            description = "Follow every story definition (*.json) in DIR too, in name order, after those of --story.")
    Path storiesDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Client port of the embedded broker; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--aggregate-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How late in event time an article may arrive and still count in its hour window, and "
                    + "when a day's shift alert is decided (e.g. 7d). Default: 7d.")
    Duration aggregateGrace;

    @Option(names = "--aggregate-day-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How late in event time an article may arrive and still count in its day window: how long "
                    + "a story is followed (e.g. 1095d). Default: 1095d.")
    Duration aggregateDayGrace;

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
            description = "A Kafka Streams property for every stage (repeatable), applied last, e.g. "
                    + "commit.interval.ms=50; STAGE:KEY=VALUE sets it for one stage, e.g. "
                    + "score:num.stream.threads=2.")
    Map<String, String> streamsConfig = new LinkedHashMap<>();

    @Option(names = "--sentiment", paramLabel = "encoder|rules|linear|FILE",
            description = "The score stage's target-sentiment model: " + SentimentModels.OPTION_HELP + ".")
    String sentiment;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication of created topics and of the stages' internal topics. Default: 1 on the "
                    + "embedded broker; else topics/ and the broker's default.")
    Short replicationFactor;

    @Mixin
    HttpOptions http = new HttpOptions();

    private final PipelineFactory factory;

    public RunCommand() {
        this(PipelineFactory.standard());
    }

    RunCommand(PipelineFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>(storyFiles);
        if (storiesDir != null) {
            files.addAll(Stories.filesIn(storiesDir));
        }
        // every file is read and checked before anything starts: a bad or duplicate story stops run at once
        List<StoryDefinition> stories = Stories.loadAll(files, null);
        StageSettings stageSettings = StageSettings.defaults().withStoryFiles(files);
        if (aggregateGrace != null) {
            stageSettings = stageSettings.withAggregateGrace(aggregateGrace);
        }
        if (aggregateDayGrace != null) {
            stageSettings = stageSettings.withAggregateDayGrace(aggregateDayGrace);
        }
        stageSettings = stageSettings.withSentiment(sentiment);
        factory.requireKnown(stages);
        Files.createDirectories(dataDir);
        try (ShutdownSignal signal = ShutdownSignal.install();
             PipelineSession session = open();
             PipelineMetrics metrics = new PipelineMetrics()) {
            List<TopicStatus> topics = session.applyTopics(TopicCatalog.fromClasspath());
            Reports.topicStatuses(topics).forEach(err::println);
            // built once the topics exist: the aggregate waits for as many scored partitions as the cluster has
            List<Stage> selected = factory.stages(stages, session.withClusterFacts(stageSettings));
            if (selected.isEmpty()) {
                err.println("no stages to run");
            }
            StoryTopic storyTopic = new StoryTopic(session.bootstrapServers());
            List<StoryInfo> followed = new ArrayList<>();
            for (StoryDefinition story : stories) {
                StoryDefinition current = storyTopic.ensure(story, !files.isEmpty());
                err.println("story " + current.label() + " on " + Topics.STORIES.name());
                followed.add(StoryInfo.of(current));
            }
            StreamsSettings settings = session.streamsSettings();
            for (Map.Entry<String, String> property : streamsConfig.entrySet()) {
                settings = settings.withOverride(property.getKey(), property.getValue());
            }
            PipelineRunner runner = session.startStages(selected, settings);
            runner.bindMetrics(metrics);
            try (DashboardServer dashboard = DashboardServer.start(http, followed,
                    session.bootstrapServers(), dataDir, metrics, spec.commandLine().getOut())) {
                return runUntilStopped(signal, runner, selected, err);
            }
        }
    }

    private static int runUntilStopped(ShutdownSignal signal, PipelineRunner runner, List<Stage> selected,
                                       PrintWriter err) throws InterruptedException {
        err.println("starting stages " + selected.stream().map(Stage::name).toList() + "; stop with Ctrl-C");
        Set<String> reported = new HashSet<>();
        boolean running = false;
        while (!signal.await(Duration.ofSeconds(1))) {
            if (!running && runner.allRunning()) {
                running = true;
                err.println("all stages running");
            }
            runner.failures().forEach((stage, error) -> {
                if (reported.add(stage)) {
                    err.println("stage " + stage + " stopped: " + error);
                }
            });
            if (!selected.isEmpty() && !runner.anyRunning()) {
                err.println("every stage has stopped");
                break;
            }
        }
        err.println("stopping");
        return runner.failures().isEmpty() ? 0 : 1;
    }

    private PipelineSession open() {
        if (bootstrapServers != null) {
            return PipelineSession.connect(bootstrapServers, dataDir, Optional.ofNullable(replicationFactor));
        }
        PipelineSession session = PipelineSession.startEmbedded(dataDir, port);
        spec.commandLine().getOut().println(PipelineSession.bootstrapLine(session.bootstrapServers()));
        spec.commandLine().getOut().flush();
        return session;
    }

    /** The registered stage names, for --help. */
    static final class StageNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return PipelineFactory.standard().stageNames().iterator();
        }
    }
}
