package io.storywatch.cli;

import io.storywatch.report.ReportHtml;
import io.storywatch.report.ReportInput;
import io.storywatch.report.ReportReader;
import io.storywatch.story.Stories;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A report to send: the period's trends, coverage, alerts, evidence, corrections and versions in one file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained report of the days FROM..TO (UTC, inclusive) from the output topics: "
                + "faction and entity trends with their 95% intervals (inline SVG), coverage volume, alerts, the "
                + "strongest evidence sentences per camp with links, the corrections in force and the versions of "
                + "every model and story used. No script, nothing fetched: it opens offline.",
                "--out FILE.pdf prints the page to PDF with headless Chromium (--chromium, else chromium on the "
                        + "PATH or /usr/bin/chromium)."})
public final class ReportCommand implements Callable<Integer> {

    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
            Path.of("/usr/bin/google-chrome"));

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    @Option(names = "--from", paramLabel = "DATE", required = true, description = "First day, e.g. 2023-11-17.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", required = true, description = "Last day (inclusive).")
    LocalDate to;

    @Option(names = "--story", paramLabel = "ID",
            description = "The story on news.stories (its names, and only its articles). Default: the only one there, "
                    + "else the bundled one.")
    String story;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "FILE.html or FILE.pdf.")
    Path out;

    @Option(names = "--chromium", paramLabel = "PATH", description = "Chromium binary for PDF output.")
    Path chromium;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw new IllegalArgumentException("a report covers at most a year of days; split the period");
        }
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean pdf = name.endsWith(".pdf");
        if (!pdf && !name.endsWith(".html") && !name.endsWith(".htm")) {
            throw new IllegalArgumentException("--out must end in .html or .pdf");
        }
        Path browser = pdf ? chromium() : null;
        ReportInput input = new ReportReader(broker.bootstrapServers()).read(from, to, story, Stories.defaultStory());
        String html = ReportHtml.render(input, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path htmlFile = pdf ? target.resolveSibling(target.getFileName() + ".html.partial")
                : target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(htmlFile, html, StandardCharsets.UTF_8);
        if (pdf) {
            printToPdf(browser, htmlFile, target);
            Files.deleteIfExists(htmlFile);
        } else {
            Files.move(htmlFile, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("report=%s factionWindows=%d entityWindows=%d coverageWindows=%d alerts=%d articles=%d%n",
                target, input.factions().size(), input.entities().size(), input.coverage().size(),
                input.alerts().size(), input.articles().size());
        stdout.flush();
        return 0;
    }

    private Path chromium() {
        if (chromium != null) {
            if (!Files.isExecutable(chromium)) {
                throw new IllegalArgumentException("--chromium " + chromium + " is not executable");
            }
            return chromium;
        }
        for (Path candidate : CHROMIUM) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("PDF needs headless Chromium and none was found (" + CHROMIUM
                + "; give --chromium PATH, or write .html and print it from a browser)");
    }

    /** Headless Chromium prints the page; its profile lives in a temporary directory removed afterwards. */
    private static void printToPdf(Path browser, Path html, Path pdf) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("storywatch-report-chromium-");
        Path partial = pdf.resolveSibling(pdf.getFileName() + ".partial");
        try {
            Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                    "--user-data-dir=" + profile, "--print-to-pdf=" + partial, html.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("Chromium did not print the report within 2 minutes");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
                throw new IOException("Chromium could not print the report (exit " + process.exitValue() + ")");
            }
            Files.move(partial, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
