package io.storywatch.cli;

import io.storywatch.runtime.PipelineFactory;
import io.storywatch.runtime.ShoutStage;
import io.storywatch.topic.Topics;
import java.util.Map;
import picocli.CommandLine;

/**
 * `storywatch run` with one stand-in stage (news.articles.raw upper-cased into news.articles.clean) instead of the
 * real ones, so that the command's lifecycle is tested in a process of its own without the NLP stages.
 */
public final class RunWithShoutStage {

    public static void main(String[] args) {
        PipelineFactory factory = new PipelineFactory(Map.of("shout",
                settings -> ShoutStage.between("shout", Topics.RAW.name(), Topics.CLEAN.name())));
        System.exit(new CommandLine(new RunCommand(factory)).execute(args));
    }
}
