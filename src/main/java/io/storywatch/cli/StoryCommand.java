package io.storywatch.cli;

import io.storywatch.story.Stories;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTopic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks story definitions and publishes them to news.stories, where running stages pick them up. */
@Command(name = "story", mixinStandardHelpOptions = true,
        description = "Validate, publish and list story definitions (see docs/story-format.md).",
        subcommands = {StoryCommand.Validate.class, StoryCommand.Publish.class, StoryCommand.ListStories.class})
public final class StoryCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a story file; prints every problem, exit 1 when there is one.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            StoryDefinition story = Stories.load(file);
            spec.commandLine().getOut().printf("%s: valid, %d entities, %d factions%n", story.label(),
                    story.entities().size(), story.factions().size());
            return 0;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Validate a story file and append it to news.stories.",
                    "Running segment and tag stages use it from their next article on, no restart; raise the "
                            + "story's \"version\" with every edit, since the stages know a story by id and version."})
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker = new BrokerOptions();

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            StoryDefinition story = Stories.load(file);
            RecordMetadata written = new StoryTopic(broker.bootstrapServers()).publish(story);
            spec.commandLine().getOut().printf("published %s to %s at offset %d%n", story.label(), written.topic(),
                    written.offset());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The latest definition of each story on news.stories.")
    static final class ListStories implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker = new BrokerOptions();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, StoryDefinition> stories = new StoryTopic(broker.bootstrapServers()).current();
            stories.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(story -> out.printf(
                    "%s  %d entities  %d factions%n", story.label(), story.entities().size(),
                    story.factions().size()));
            if (stories.isEmpty()) {
                out.println("no story on the topic yet: `run` publishes the one it starts with");
            }
            return 0;
        }
    }
}
