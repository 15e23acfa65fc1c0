package io.storywatch.cli;

import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.ShoutStage;
import io.storywatch.topic.Topics;
import java.util.Map;
import picocli.CommandLine;

/** `storywatch demo` with one stand-in stage instead of the NLP stages, to test the command in a process of its own. */
public final class DemoWithShoutStage {

    public static void main(String[] args) {
        PipelineFactory factory = new PipelineFactory(Map.of("shout",
                settings -> ShoutStage.between("shout", Topics.RAW.name(), Topics.CLEAN.name())));
        System.exit(new CommandLine(new DemoCommand(factory)).execute(args));
    }
}
