package io.storywatch.cli;

import io.storywatch.web.DashboardServer;
import io.storywatch.web.HttpOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves the dashboard over an existing cluster's output topics, for teams whose pipeline runs elsewhere. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the dashboard, its JSON API and /metrics over the output topics of a running pipeline, "
                + "until SIGTERM/SIGINT.",
                "Prints one line dashboard=http://HOST:PORT/ to stdout and writes the same URL to "
                        + "DATA_DIR/dashboard.url."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", required = true,
            description = "Kafka cluster whose output topics the dashboard reads.")
    String bootstrapServers;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where dashboard.url is written. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Mixin
    HttpOptions http = new HttpOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "storywatch-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (DashboardServer dashboard = DashboardServer.start(http, bootstrapServers, dataDir,
                spec.commandLine().getOut())) {
            err.println("reading the output topics of " + bootstrapServers + "; stop with Ctrl-C");
            err.flush();
            boolean reported = false;
            while (!stop.await(1, TimeUnit.SECONDS)) {
                if (!reported && dashboard.reader().orElseThrow().awaitCaughtUp(Duration.ZERO)) {
                    reported = true;
                    err.println("dashboard caught up: " + dashboard.view().summary().articles() + " articles");
                    err.flush();
                }
            }
            err.println("stopping");
            err.flush();
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
