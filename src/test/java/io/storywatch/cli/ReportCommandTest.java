package io.storywatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.storywatch.event.CorrectionMade;
import io.storywatch.event.EntitySentimentWindow;
import io.storywatch.event.EvidenceArticle;
import io.storywatch.event.EvidenceSentence;
import io.storywatch.event.FactionScore;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.event.FactionShiftDetected;
import io.storywatch.event.StanceScored;
import io.storywatch.event.StoryCoverage;
import io.storywatch.json.Json;
import io.storywatch.runtime.EmbeddedBroker;
import io.storywatch.runtime.TopicApplier;
import io.storywatch.topic.TopicCatalog;
import io.storywatch.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The report of issue 16: written from records on a real broker, opened in Debian's chromium, and its figures read
 * back from the page and compared with the records of the output topics.
 */
class ReportCommandTest {

    @RegisterExtension
    static final EmbeddedBroker BROKER = new EmbeddedBroker();

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final EvidenceArticle STRONG = new EvidenceArticle("r-2", "董事会被指草率", "示例日报",
            "2023-11-19T09:00:00Z", -0.8, "neg", 0,
            new EvidenceSentence(1, 8, 30, "评论者认为董事会的决定过于草率。", "openai-board", -0.8));
    private static final FactionSentimentWindow SAFETY_18 = faction("safety", "2023-11-18", 2, 0.25, List.of());
    private static final FactionSentimentWindow SAFETY_19 = faction("safety", "2023-11-19", 6, -0.4, List.of(STRONG));
    private static final FactionSentimentWindow ACCELERATION_19 = faction("acceleration", "2023-11-19", 3, 0.5,
            List.of());
    private static final StoryCoverage COVERAGE_19 = new StoryCoverage(1, "2023-11-19T00:00:00Z",
            "2023-11-20T00:00:00Z", "P1D", 7, 2, 9, 3, List.of("示例日报", "示例晚报", "示例周刊"), List.of(), Map.of(),
            false, "2026-11-20T00:00:00Z");
    private static final FactionShiftDetected ALERT = new FactionShiftDetected(1, "safety", "2023-11-19T00:00:00Z",
            "2023-11-20T00:00:00Z", "P1D", 6, -0.4, "2023-11-12T00:00:00Z", 7, 14, 0.2, -0.6, -3.4, 3.0, "down",
            List.of(STRONG));
    private static final CorrectionMade CORRECTION = new CorrectionMade(1, "c-1", "王编辑", "2026-12-01T10:00:00Z",
            "r-2", CorrectionMade.TARGET_LABEL, 1, "openai-board", "评论者认为董事会的决定过于草率。", "neu", "neg",
            "明显是批评");

    @BeforeAll
    static void records() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
            new TopicApplier(admin).apply(TopicCatalog.fromClasspath().withReplicationFactor((short) 1));
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            // an earlier record of the same window: the report shows the latest
            send(producer, Topics.FACTION_SENTIMENT.name(), "safety@2023-11-19T00:00:00Z/P1D",
                    faction("safety", "2023-11-19", 5, -0.1, List.of()));
            send(producer, Topics.FACTION_SENTIMENT.name(), "safety@2023-11-18T00:00:00Z/P1D", SAFETY_18);
            send(producer, Topics.FACTION_SENTIMENT.name(), "safety@2023-11-19T00:00:00Z/P1D", SAFETY_19);
            send(producer, Topics.FACTION_SENTIMENT.name(), "acceleration@2023-11-19T00:00:00Z/P1D", ACCELERATION_19);
            // outside the period, and an hour window: left out
            send(producer, Topics.FACTION_SENTIMENT.name(), "safety@2023-11-25T00:00:00Z/P1D",
                    faction("safety", "2023-11-25", 4, 0.9, List.of()));
            send(producer, Topics.FACTION_SENTIMENT.name(), "safety@2023-11-19T09:00:00Z/PT1H",
                    new FactionSentimentWindow(2, "safety", "2023-11-19T09:00:00Z", "2023-11-19T10:00:00Z", "PT1H",
                            1, 1, -0.8, 0, 1, 0, 0, -0.8, -0.8, true, 0, 1, List.of(), false, null));
            send(producer, Topics.ENTITY_SENTIMENT.name(), "openai-board@2023-11-19T00:00:00Z/P1D",
                    new EntitySentimentWindow(2, "openai-board", "2023-11-19T00:00:00Z", "2023-11-20T00:00:00Z",
                            "P1D", 4, 6, -0.55, 0, 3, 1, -0.9, -0.2, true, 0, 4, List.of(STRONG), false, null));
            send(producer, Topics.STORY_COVERAGE.name(), "story@2023-11-19T00:00:00Z/P1D", COVERAGE_19);
            send(producer, Topics.FACTION_ALERTS.name(), "safety@2023-11-19T00:00:00Z/P1D", ALERT);
            send(producer, Topics.SCORED.name(), "r-2", scored("r-2", "2023-11-19T09:00:00Z",
                    "https://example.org/news/r-2", List.of(CORRECTION)));
            send(producer, Topics.SCORED.name(), "r-3", scored("r-3", "2023-11-18T07:00:00Z", null, null));
            producer.flush();
        }
    }

    @Test
    void shouldWriteASelfContainedReportWhoseFiguresAreTheTopics(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        Path html = dir.resolve("report.html");
        ClientCommandsTest.Outcome outcome = ClientCommandsTest.storywatch("report", "--bootstrap-servers",
                BROKER.bootstrapServers(), "--from", "2023-11-17", "--to", "2023-11-20", "--out", html.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("factionWindows=3 entityWindows=1 coverageWindows=1 alerts=1 articles=2"),
                outcome.out());

        // kept for a look, as the dashboard test keeps its screenshot
        Files.copy(html, Path.of("target/report-sample.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ChromeDriver driver = chromium(dir.resolve("profile"));
        try {
            driver.get(html.toUri().toString());
            assertEquals("2023-11-17 – 2023-11-20", driver.findElement(By.id("period")).getText());
            assertEquals(List.of(row("acceleration", ACCELERATION_19), row("safety", SAFETY_18),
                            row("safety", SAFETY_19)),
                    driver.findElements(By.cssSelector("#faction-table tbody tr")).stream()
                            .map(r -> List.of(r.getDomAttribute("data-faction"), r.getDomAttribute("data-day"),
                                    r.getDomAttribute("data-articles"), r.getDomAttribute("data-mean")))
                            .toList());
            assertTrue(driver.findElement(By.cssSelector("#faction-table tr[data-day='2023-11-19']"
                    + "[data-faction='safety']")).getText().contains("[−0.60, −0.20]"), "the interval is printed");
            assertEquals(List.of("openai-board", "2023-11-19", "4", "-0.55"), attributes(driver.findElement(
                    By.cssSelector("#entity-table tbody tr")), "data-entity", "data-day", "data-articles", "data-mean"));
            assertEquals(List.of("2023-11-19", "7", "2"), attributes(driver.findElement(
                    By.cssSelector("#coverage-table tbody tr")), "data-day", "data-articles", "data-copies"));
            assertEquals(List.of("safety", "2023-11-19", "-3.4"), attributes(driver.findElement(
                    By.cssSelector("#alert-table tbody tr")), "data-faction", "data-day", "data-z"));
            WebElement evidence = driver.findElement(By.cssSelector("ol.evidence[data-faction='safety'] li"));
            assertEquals("r-2", evidence.getDomAttribute("data-article"));
            assertTrue(evidence.getText().contains("评论者认为董事会的决定过于草率。"));
            assertEquals("https://example.org/news/r-2", evidence.findElement(By.tagName("a")).getDomAttribute("href"));
            assertTrue(driver.findElement(By.cssSelector("#correction-table tr[data-correction='c-1']")).getText()
                    .contains("王编辑"));
            assertEquals("2", driver.findElement(By.cssSelector("#version-table tr[data-part='sentiment']"))
                    .getDomAttribute("data-articles"));
            // one trend line per camp, one chart per entity, bars for coverage
            assertEquals(2L, ((JavascriptExecutor) driver).executeScript(
                    "return document.querySelectorAll('#faction-chart polyline').length;"));
            assertEquals(1L, ((JavascriptExecutor) driver).executeScript(
                    "return document.querySelectorAll('svg[id^=\"entity-chart-\"]').length;"));
            // self-contained: no script, nothing loaded from anywhere
            assertEquals(0L, ((JavascriptExecutor) driver).executeScript(
                    "return document.querySelectorAll('script, link, img, iframe, [src]').length;"));
        } finally {
            driver.quit();
        }

        Path pdf = dir.resolve("report.pdf");
        ClientCommandsTest.Outcome printed = ClientCommandsTest.storywatch("report", "--bootstrap-servers",
                BROKER.bootstrapServers(), "--from", "2023-11-17", "--to", "2023-11-20", "--out", pdf.toString());
        assertEquals(0, printed.exitCode(), printed.err());
        byte[] head = Files.readAllBytes(pdf);
        assertEquals("%PDF", new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static List<String> row(String faction, FactionSentimentWindow window) {
        return List.of(faction, window.windowStart().substring(0, 10), String.valueOf(window.articles()),
                String.valueOf(window.meanScore()));
    }

    private static List<String> attributes(WebElement element, String... names) {
        return java.util.Arrays.stream(names).map(element::getDomAttribute).toList();
    }

    private static FactionSentimentWindow faction(String faction, String day, long articles, double mean,
                                                  List<EvidenceArticle> evidence) {
        String start = day + "T00:00:00Z";
        String end = java.time.LocalDate.parse(day).plusDays(1) + "T00:00:00Z";
        return new FactionSentimentWindow(2, faction, start, end, "P1D", articles, articles + 1, mean, 1,
                articles - 1, 0, 0, mean - 0.2, mean + 0.2, articles < 5, 0, articles, evidence, false, null);
    }

    private static StanceScored scored(String id, String publishedAt, String url, List<CorrectionMade> corrections) {
        return new StanceScored(1, id, "标题" + id, publishedAt, "示例日报", url, null, 0.9, true, "标题\n正文。",
                List.of(), List.of(), List.of(), Map.of(), Map.of("safety", new FactionScore(-0.8, "neg", 1)),
                Map.of("story", "openai-governance@3", "sentiment", "rules-zh-news-1.4"), corrections);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, Object value) {
        producer.send(new ProducerRecord<>(topic, key, Json.toBytes(value)));
    }

    private static ChromeDriver chromium(Path profile) throws Exception {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1000,1600", "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }
}
