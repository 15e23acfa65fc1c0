package io.storywatch.cli;

import io.storywatch.runtime.ArticleFeeder;
import io.storywatch.runtime.ArticleFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Appends article files to news.articles.raw as they are, leaving validation to the pipeline. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {"Send articles to news.articles.raw, byte for byte: .jsonl (one article a line), .json "
                + "(one article or an array), directories (recursively).",
                "The key is the article's \"id\" when it can be read; anything else (even a line that is not JSON) "
                        + "is still sent, for ingest to reject with a reason. Prints sent=N failed=M; "
                        + "exits non-zero when any failed."})
public final class FeedCommand implements Callable<Integer> {

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files (.jsonl, .json) or directories.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ArticleFiles.expand(paths);
        long totalBytes = 0;
        for (Path file : files) {
            totalBytes += Files.size(file);
        }
        PrintStream err = System.err;
        try (ArticleFeeder feeder = new ArticleFeeder(broker.bootstrapServers())) {
            Progress progress = new Progress(err, Terminal.isStderr(), totalBytes);
            for (Path file : files) {
                ArticleFiles.read(file, record -> {
                    feeder.send(record);
                    progress.show(feeder.sent(), feeder.failed(), feeder.bytesDone());
                });
            }
            feeder.flush();
            progress.done(feeder.sent(), feeder.failed(), feeder.bytesDone());
            feeder.failures().forEach(f -> err.println("failed: " + f));
            System.out.println("sent=" + feeder.sent() + " failed=" + feeder.failed());
            return feeder.failed() == 0 ? 0 : 1;
        }
    }
}
