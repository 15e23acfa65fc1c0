package io.storywatch.cli;

import io.storywatch.story.InvalidStoryException;
import io.storywatch.story.Stories;
import io.storywatch.story.StoryEntity;
import io.storywatch.story.StoryTemplate;
import io.storywatch.story.StoryDefinition;
import io.storywatch.story.StoryTopic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks story definitions and publishes them to news.stories, where running stages pick them up. */
@Command(name = "story", mixinStandardHelpOptions = true,
        description = "Begin, validate, publish and list story definitions (see docs/story-format.md).",
        subcommands = {StoryCommand.Init.class, StoryCommand.Validate.class, StoryCommand.Publish.class,
                StoryCommand.ListStories.class})
public final class StoryCommand {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Write the starting file of a story of your own, from its players and camps, with a "
                    + "comment on every field and TODOs for what only you know (aliases, cues, keywords).",
                    "Example: story init --id river-dam --title 清河水坝之争 --camp build=建坝派 "
                            + "--camp protect=护河派 --person 魏长河,魏总@build --person 苏晓岚@protect "
                            + "--org 清河水利集团@build --out river-dam.json"})
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "ID",
                description = "The story's id: lower-case words joined by '-', e.g. river-dam.")
        String id;

        @Option(names = "--title", paramLabel = "TEXT", description = "The dashboard's title. Default: the id.")
        String title;

        @Option(names = "--language", paramLabel = "LANG", defaultValue = "zh",
                description = "The language the names and title are written in. Default: ${DEFAULT-VALUE}.")
        String language;

        @Option(names = "--camp", paramLabel = "ID=NAME",
                description = "A camp (faction), e.g. build=建坝派; repeatable, in the order the page lists them.")
        List<String> camps = new ArrayList<>();

        @Option(names = "--person", paramLabel = "[ID=]NAME[,ALIAS...][@CAMP...]",
                description = "A person: full name, further names after commas, camps after @, e.g. "
                        + "魏长河,魏总@build; the id is made of the name (wei-changhe) unless given as ID=.")
        List<String> people = new ArrayList<>();

        @Option(names = "--org", paramLabel = "[ID=]NAME[,ALIAS...][@CAMP...]",
                description = "An organization, as --person, e.g. 清河水利集团,清河水利@build.")
        List<String> organizations = new ArrayList<>();

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it. Default: stdout.")
        Path out;

        @Option(names = "--force", description = "Overwrite --out if it exists.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            List<StoryTemplate.Player> players = new ArrayList<>();
            List<StoryTemplate.Camp> parsedCamps;
            String text;
            try {
                parsedCamps = camps.stream().map(StoryTemplate::camp).toList();
                people.forEach(p -> players.add(StoryTemplate.player(StoryEntity.PERSON, p)));
                organizations.forEach(o -> players.add(StoryTemplate.player(StoryEntity.ORGANIZATION, o)));
                text = new StoryTemplate(id, title, language, parsedCamps, players).render();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (out == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
                return 0;
            }
            if (Files.exists(out) && !force) {
                throw new ParameterException(spec.commandLine(), out + " exists; --force overwrites it");
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
            spec.commandLine().getErr().printf("wrote %s: %d players, %d camps; fill in its TODOs, then "
                    + "`story validate %s`%n", out, players.size(), parsedCamps.size(), out);
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check a story file: every problem on stderr as FILE: FIELD.PATH: what is wrong, "
                    + "exit status 1 when there is one; a valid file prints a one-line summary on stdout."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            StoryDefinition story;
            try {
                story = Stories.load(file);
            } catch (InvalidStoryException e) {
                PrintWriter err = spec.commandLine().getErr();
                e.problems().forEach(problem -> err.println(file + ": " + problem));
                err.printf("%s: %d problem%s%n", file, e.problems().size(), e.problems().size() == 1 ? "" : "s");
                err.flush();
                return 1;
            }
            spec.commandLine().getOut().printf("%s: valid story %s, %d entities, %d factions%n", file, story.label(),
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
