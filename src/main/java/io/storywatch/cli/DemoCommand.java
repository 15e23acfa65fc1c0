package io.storywatch.cli;

import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.runtime.ArticleFeeder;
import io.storywatch.runtime.ArticleFiles;
import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.PipelineRunner;
import io.storywatch.runtime.PipelineSession;
import io.storywatch.runtime.StageSettings;
import io.storywatch.stage.Stage;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTopic;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import io.storywatch.web.DashboardServer;
import io.storywatch.web.HttpOptions;
import io.storywatch.web.StoryInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import java.io.PrintWriter;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The first thing a newcomer runs: the whole pipeline on the bundled articles, with its dashboard and a live table. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start the embedded broker, serve the dashboard (its URL is the first line on stdout, "
                + "dashboard=URL), start every stage, feed the bundled sample articles and show the per-faction "
                + "sentiment of news.faction-sentiment as it updates. Ctrl-C stops everything.",
                "The samples are fed once per data directory; a later demo on the same directory shows the same "
                        + "result again from the topics."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final String SAMPLES = "samples/articles.jsonl";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration REDRAW_INTERVAL = Duration.ofMillis(500);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/demo",
            description = "Broker data and stage state of the demo. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "30",
            description = "Windows shown on a terminal (the most recent). Default: ${DEFAULT-VALUE}.")
    int rows;

    @Mixin
    HttpOptions http = new HttpOptions();

    private final PipelineFactory factory;

    public DemoCommand() {
        this(PipelineFactory.standard());
    }

    DemoCommand(PipelineFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = Terminal.isStdout();
        Files.createDirectories(dataDir);
        try (ShutdownSignal signal = ShutdownSignal.install();
             PipelineSession session = PipelineSession.startEmbedded(dataDir, 0);
             PipelineMetrics metrics = new PipelineMetrics()) {
            err.println("embedded broker: " + PipelineSession.bootstrapLine(session.bootstrapServers())
                    + " (data in " + dataDir + ")");
            session.applyTopics(TopicCatalog.fromClasspath());
            List<Stage> stages = factory.stages(List.of(), session.withClusterFacts(StageSettings.defaults()));
            StoryDefinition story = new StoryTopic(session.bootstrapServers()).ensure(Stories.defaultStory(), false);
            try (DashboardServer dashboard = startDashboard(story, session.bootstrapServers(), metrics, out, err)) {
                err.println("open " + dashboard.url() + " in a browser: the dashboard fills in as the stages work");
                PipelineRunner runner = session.startStages(stages, session.streamsSettings());
                runner.bindMetrics(metrics);
                runner.awaitRunning(START_TIMEOUT);
                err.println("stages running: " + stages.stream().map(Stage::name).toList());
                feedSamplesOnce(session, err);
                err.println("watching " + Topics.FACTION_SENTIMENT.name() + "; Ctrl-C to stop");
                watch(session.bootstrapServers(), signal, runner, out, terminal, dashboard.url().toString());
                err.println("stopping");
                return runner.failures().isEmpty() ? 0 : 1;
            }
        }
    }

    /**
     * The dashboard on {@code --http-port}; when the default port is taken (another demo, another server), on a free
     * one instead, since a newcomer should not have to know the option to see the page.
     */
    private DashboardServer startDashboard(StoryDefinition story, String bootstrapServers, PipelineMetrics metrics,
                                           PrintWriter out, PrintWriter err) throws IOException {
        try {
            return DashboardServer.start(http, StoryInfo.of(story), bootstrapServers, dataDir, metrics, out);
        } catch (BindException e) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--http-port") || http.port() == 0) {
                throw e;
            }
            err.println("port " + http.port() + " is taken: serving the dashboard on a free port instead");
            HttpOptions anyPort = new HttpOptions(0, http.bind(), http.apiToken(), http.corsOrigins(),
                    http.sseMaxPerClient(), http.sseMaxTotal());
            return DashboardServer.start(anyPort, StoryInfo.of(story), bootstrapServers, dataDir, metrics, out);
        }
    }

    private void feedSamplesOnce(PipelineSession session, PrintWriter err) throws IOException {
        long already = recordsIn(session.bootstrapServers(), Topics.RAW.name());
        if (already > 0) {
            err.println(Topics.RAW.name() + " already holds " + already + " records: not feeding the samples again "
                    + "(use a fresh --data-dir to start over)");
            return;
        }
        byte[] samples;
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(SAMPLES)) {
            if (in == null) {
                err.println("no bundled " + SAMPLES + " in this build: nothing to feed");
                return;
            }
            samples = in.readAllBytes();
        }
        try (ArticleFeeder feeder = new ArticleFeeder(session.bootstrapServers())) {
            ArticleFiles.readLines(samples, SAMPLES, feeder::send);
            feeder.flush();
            err.println("fed the samples: sent=" + feeder.sent() + " failed=" + feeder.failed());
        }
    }

    private void watch(String bootstrapServers, ShutdownSignal signal, PipelineRunner runner, PrintWriter out,
                       boolean terminal, String dashboardUrl) {
        FactionSentimentTable table = new FactionSentimentTable();
        try (KafkaConsumer<String, FactionSentimentWindow> consumer = new KafkaConsumer<>(readCommitted(bootstrapServers),
                Topics.FACTION_SENTIMENT.keySerde().deserializer(),
                Topics.FACTION_SENTIMENT.valueSerde().deserializer())) {
            List<TopicPartition> partitions = partitions(consumer, Topics.FACTION_SENTIMENT.name());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastDraw = 0;
            boolean changed = true;
            if (!terminal) {
                out.println(FactionSentimentTable.header());
            }
            while (!signal.isRequested()) {
                for (ConsumerRecord<String, FactionSentimentWindow> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null || !FactionSentimentTable.isDaily(record.value())) {
                        continue; // the topic also carries hourly windows; the demo shows days
                    }
                    table.update(record.value());
                    changed = true;
                    if (!terminal) {
                        out.println(FactionSentimentTable.row(record.value()));
                    }
                }
                long now = System.nanoTime();
                if (terminal && changed && now - lastDraw >= REDRAW_INTERVAL.toNanos()) {
                    redraw(out, table, runner, dashboardUrl);
                    lastDraw = now;
                    changed = false;
                }
                if (!runner.failures().isEmpty() && !runner.anyRunning()) {
                    break;
                }
            }
        }
    }

    private void redraw(PrintWriter out, FactionSentimentTable table, PipelineRunner runner, String dashboardUrl) {
        StringBuilder screen = new StringBuilder("\033[H\033[2J");
        screen.append("storywatch demo: the dashboard is at ").append(dashboardUrl).append('\n');
        screen.append("sentiment toward each faction per day (news.faction-sentiment)\n\n");
        table.render(rows).forEach(line -> screen.append(line).append('\n'));
        if (table.windows() == 0) {
            screen.append("(waiting for the first aggregates)\n");
        }
        Map<String, Throwable> failures = runner.failures();
        failures.forEach((stage, error) -> screen.append("stage ").append(stage).append(" stopped: ")
                .append(error).append('\n'));
        screen.append("\nCtrl-C to stop\n");
        out.print(screen);
        out.flush();
    }

    private static long recordsIn(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommitted(bootstrapServers),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static Properties readCommitted(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "storywatch-demo");
        return props;
    }
}
