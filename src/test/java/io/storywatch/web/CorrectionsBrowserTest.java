package io.storywatch.web;

import static io.storywatch.web.DashboardBroker.scored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.event.CorrectionMade;
import io.storywatch.event.StanceScored;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.stage.score.ArticleCorrections;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.Stories;
import io.storywatch.topic.Topics;
import io.storywatch.web.view.AggregatedStory;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An analyst corrects a target label on the page, in Debian's chromium: the correction lands on news.corrections of a
 * real broker, and once the article comes back corrected (as the score stage re-emits it, with the score stage's own
 * {@link ArticleCorrections}) the page marks the label and the chart's point as corrected. Leaves
 * target/corrections-screenshot.png behind.
 */
class CorrectionsBrowserTest {

    @RegisterExtension
    static final DashboardBroker BROKER = new DashboardBroker();

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "corrections-browser-token";
    private static final String ARTICLE = "d1-board-fires-altman";

    @Test
    void shouldSendACorrectionFromTheEvidenceViewAndShowTheCorrectedArticleAndPoint(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        List<StanceScored> articles = DashboardFixtures.articles();
        try (KafkaProducer<String, byte[]> producer = BROKER.producer("corrections-browser")) {
            producer.beginTransaction();
            articles.forEach(article -> producer.send(scored(article)));
            producer.commitTransaction();
        }
        ChromeDriver driver = null;
        try (PipelineMetrics metrics = new PipelineMetrics();
             DashboardServer server = DashboardServer.start(new HttpOptions(0, "127.0.0.1", TOKEN, List.of()),
                     StoryInfo.defaultStory(), BROKER.bootstrapServers(), dir, metrics,
                     new PrintWriter(new StringWriter()))) {
            // the window records the aggregate stage publishes for them, which the page's series show
            try (AggregatedStory windows = new AggregatedStory(server.view())) {
                articles.forEach(windows::add);
                windows.publish();
            }
            driver = chromium(dir.resolve("profile"));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            // a refresh redraws the article list: an item found a moment ago may be gone, so find and click again
            wait.ignoring(StaleElementReferenceException.class);
            driver.get(server.url().resolve("/?token=" + TOKEN).toString());
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            assertEquals("{\"acceleration\":0,\"safety\":0}", sortedJson(driver.findElement(By.id("sentiment-chart"))
                    .getDomAttribute("data-corrected")), "nothing corrected yet");

            wait.until(d -> {
                d.findElement(By.cssSelector("#article-list li[data-article-id='" + ARTICLE + "']")).click();
                return true;
            });
            wait.until(d -> {
                d.findElement(By.cssSelector("#evidence-list .sentence span.target[data-target='sam-altman'] "
                        + "button.correct-target")).click();
                return true;
            });
            WebElement form = wait.until(d -> d.findElement(By.cssSelector("#evidence-list form.correction-form")));
            new Select(form.findElement(By.cssSelector("select.correction-label"))).selectByValue("pos");
            form.findElement(By.cssSelector("input.correction-note")).sendKeys("员工的表态是支持他");
            form.findElement(By.cssSelector("input.correction-analyst")).sendKeys("浏览器测试员");
            form.findElement(By.cssSelector("button.correction-submit")).click();
            wait.until(d -> "sent".equals(d.findElement(By.cssSelector("#evidence-list form.correction-form"))
                    .getDomAttribute("data-state")));
            assertEquals("已提交 sent: neg → pos", form.findElement(By.cssSelector(".correction-status")).getText());

            List<CorrectionMade> log = corrections();
            assertEquals(1, log.size(), "one correction on news.corrections");
            CorrectionMade made = log.get(0);
            assertEquals(List.of("浏览器测试员", ARTICLE, CorrectionMade.TARGET_LABEL, 0, "sam-altman", "neg", "pos",
                            "员工的表态是支持他"),
                    List.of(made.analyst(), made.article(), made.kind(), made.sentence(), made.target(),
                            made.oldLabel(), made.newLabel(), made.note()));

            // the score stage re-emits the article corrected; the page follows
            StanceScored machine = articles.stream().filter(a -> a.id().equals(ARTICLE)).findFirst().orElseThrow();
            StanceScored corrected = new ArticleCorrections(ArticleAnalyzer.scorerFor(Stories.defaultStory(),
                    SentimentModels.rulesOnly())).apply(machine, log);
            try (KafkaProducer<String, byte[]> producer = BROKER.producer("corrections-browser-score")) {
                producer.beginTransaction();
                producer.send(scored(corrected));
                producer.commitTransaction();
            }
            WebElement mark = wait.until(d -> d.findElement(By.cssSelector(
                    "#evidence-list span.target[data-target='sam-altman'] .corrected")));
            assertEquals("已纠正 corrected: neg → pos", mark.getText());
            // the article portrays both camps: its day is a corrected point in both series
            wait.until(d -> "{\"acceleration\":1,\"safety\":1}".equals(sortedJson(
                    d.findElement(By.id("sentiment-chart")).getDomAttribute("data-corrected"))));
            assertTrue(driver.findElement(By.cssSelector("#evidence-list .evidence-article .meta")).getText()
                    .contains("已纠正 corrected (1)"));
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/corrections-screenshot.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            if (driver != null) {
                driver.quit();
            }
        }
    }

    private static String sortedJson(String json) {
        return Json.toString(Json.fromString(json, java.util.TreeMap.class));
    }

    private static ChromeDriver chromium(Path profile) throws Exception {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1700", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static List<CorrectionMade> corrections() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CORRECTIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<CorrectionMade> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    found.add(Json.fromBytes(record.value(), CorrectionMade.class));
                }
            }
            return found;
        }
    }
}
