package io.storywatch.cli;

import io.storywatch.runtime.ArticleFeeder;
import io.storywatch.runtime.ArticleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Appends article files to news.articles.raw as they are, leaving validation to the pipeline. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {"Send articles to news.articles.raw, byte for byte: .jsonl (one article a line), .json "
                + "(one article or an array), directories (recursively).",
                "The key is the article's \"id\" when it can be read; anything else (even a line that is not JSON) "
                        + "is still sent, for ingest to reject with a reason. Prints sent=N failed=M; "
                        + "exits non-zero when any failed."})
public final class FeedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "news.articles.raw",
            description = "Topic to append to. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files (.jsonl, .json) or directories.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ArticleFiles.expand(paths);
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (ArticleFeeder feeder = new ArticleFeeder(broker.bootstrapServers(), topic)) {
            Progress progress = new Progress(err, Terminal.isStderr(), totalBytes);
            for (Path file : files) {
                ArticleFiles.read(file, record -> {
                    feeder.send(record);
                    progress.show(feeder.sent(), feeder.failed(), feeder.bytesDone());
                });
            }
            feeder.flush();
            progress.done(feeder.sent(), feeder.failed(), totalBytes);
            feeder.failures().forEach(f -> err.println("failed: " + f));
            spec.commandLine().getOut().println("sent=" + feeder.sent() + " failed=" + feeder.failed());
            return feeder.failed() == 0 ? 0 : 1;
        }
    }
}
