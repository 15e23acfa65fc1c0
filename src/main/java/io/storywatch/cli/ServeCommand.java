package io.storywatch.cli;

import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTopic;
import io.storywatch.topic.Topics;
import io.storywatch.web.DashboardServer;
import io.storywatch.web.HttpOptions;
import io.storywatch.web.StoryInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
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

    @Option(names = "--story-id", paramLabel = "ID",
            description = "Story whose title and faction names the page shows, as published on news.stories; "
                    + "default the only story there, else the bundled one. Repeatable, for a pipeline that follows "
                    + "several stories: name them in the order run was given them (the first is the main story).")
    List<String> storyIds = new ArrayList<>();

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
        Map<String, StoryDefinition> published = new StoryTopic(bootstrapServers).current();
        List<StoryInfo> stories = new ArrayList<>();
        for (StoryDefinition story : followedStories(published)) {
            stories.add(StoryInfo.of(story));
            err.println("story " + story.id());
        }
        try (DashboardServer dashboard = DashboardServer.start(http, stories, bootstrapServers, dataDir,
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

    /**
     * The story the pipeline follows, as {@code news.stories} has it: the one named by {@code --story-id}, or the only
     * one there, or else the bundled default (also when the topic holds none yet).
     */
    StoryDefinition followedStory(Map<String, StoryDefinition> published) {
        return followedStories(published).get(0);
    }

    /** Each story {@code --story-id} names, in its order; without one, the story {@link #followedStory} says. */
    List<StoryDefinition> followedStories(Map<String, StoryDefinition> published) {
        if (!storyIds.isEmpty()) {
            List<StoryDefinition> stories = new ArrayList<>();
            for (String storyId : new java.util.LinkedHashSet<>(storyIds)) {
                StoryDefinition story = published.get(storyId);
                if (story == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no story '" + storyId + "' on "
                            + Topics.STORIES.name() + "; there are " + new TreeSet<>(published.keySet()));
                }
                stories.add(story);
            }
            return stories;
        }
        if (published.size() == 1) {
            return List.of(published.values().iterator().next());
        }
        StoryDefinition bundled = Stories.defaultStory();
        return List.of(published.getOrDefault(bundled.id(), bundled));
    }
}
