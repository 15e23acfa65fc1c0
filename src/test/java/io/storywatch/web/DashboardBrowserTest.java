package io.storywatch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.storywatch.analysis.ArticleAnalyzer;
import io.storywatch.event.FactionSentimentWindow;
import io.storywatch.json.Json;
import io.storywatch.metrics.PipelineMetrics;
import io.storywatch.stage.score.SentimentModels;
import io.storywatch.story.Stories;
import io.storywatch.web.view.AggregatedStory;
import io.storywatch.web.view.ScoredArticleBuilder;
import io.storywatch.web.view.StoryView;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's chromium driven by its own chromedriver (never one Selenium downloads),
 * against a dashboard serving {@link DashboardFixtures}. Leaves target/dashboard-screenshot.png behind.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "browser-test-token";

    private static PipelineMetrics metrics;
    private static DashboardServer server;
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        metrics = new PipelineMetrics();
        StoryView view = DashboardFixtures.view();
        // shaped as issue 5's FactionShiftDetected; its evidence title is the XSS payload too
        view.applyAlert(Json.tree("""
                {"schemaVersion": 1, "faction": "safety", "windowStart": "2023-11-19T00:00:00Z",
                 "windowEnd": "2023-11-20T00:00:00Z", "windowSize": "P1D", "articles": 2, "meanScore": -0.6,
                 "baselineFrom": "2023-11-12T00:00:00Z", "baselineWindows": 7, "baselineArticles": 12,
                 "baselineMean": 0.25, "shift": -0.85, "zScore": -4.2, "zThreshold": 3.0, "direction": "down",
                 "evidence": [{"id": "xss-title", "title": "<img src=x onerror=alert(1)>", "source": "测试来源",
                               "publishedAt": "2023-11-19T12:00:00Z", "score": -0.7, "label": "neg", "copies": 0}]}
                """));
        server = DashboardServer.serve(new HttpOptions(0, "127.0.0.1", TOKEN, List.of()), view, metrics);
        profile = Files.createTempDirectory("storywatch-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1700", "--user-data-dir=" + profile, "--lang=zh-CN");
        // a reader whose browser prefers Chinese: the page names the story's players in Chinese until told otherwise
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh,en"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void shouldRenderBothFactionsShowEvidenceOnClickAndNeverRunATitleAsHtml() throws Exception {
        driver.get(server.url().resolve("/?token=" + TOKEN).toString());
        // the page replaces what it shows as answers arrive: an element found a moment ago may be gone
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));

        // the token was traded for a cookie: the address no longer carries it
        assertEquals(server.url().toString(), driver.getCurrentUrl());
        assertEquals("zh", driver.findElement(By.tagName("body")).getDomAttribute("data-lang"));
        assertEquals("OpenAI 治理之争：安全主义与加速主义", driver.findElement(By.id("story-title")).getText());

        WebElement chart = driver.findElement(By.id("sentiment-chart"));
        assertEquals("acceleration,safety", chart.getDomAttribute("data-factions"));
        JsonNode points = Json.tree(chart.getDomAttribute("data-points"));
        assertEquals(4, points.path("safety").asInt());
        assertEquals(4, points.path("acceleration").asInt());
        // the legend is redrawn with the chart: read it inside the wait that retries a stale element
        assertEquals(List.of("加速主义 (4)", "安全主义 (4)"),
                wait.until(d -> d.findElements(By.cssSelector("#sentiment-legend .legend-item")).stream()
                        .map(WebElement::getText).toList()));
        assertEquals(List.of("acceleration", "safety"), wait.until(d -> d.findElements(
                By.cssSelector("#sentiment-legend .legend-item")).stream().map(i -> i.getDomAttribute("title")).toList()));
        assertEquals("4", driver.findElement(By.id("coverage-chart")).getDomAttribute("data-windows"));
        assertTrue(driver.findElements(By.cssSelector("#entity-rows tr[data-entity]")).size() >= 5);
        // the players by the names the story gives them, their ids in the tooltip
        assertEquals(List.of("萨姆·奥特曼", "sam-altman", "加速主义"), wait.until(d -> {
            WebElement row = d.findElement(By.cssSelector("#entity-rows tr[data-entity='sam-altman']"));
            WebElement name = row.findElement(By.cssSelector("td.entity"));
            return List.of(name.getText(), name.getDomAttribute("title"), row.findElement(By.cssSelector(".badge"))
                    .getText());
        }));

        // switched to English, the page names the story, its camps and players in English, and remembers it
        new Select(driver.findElement(By.id("language-select"))).selectByValue("en");
        wait.until(d -> List.of("acceleration (4)", "safety (4)").equals(d.findElements(
                By.cssSelector("#sentiment-legend .legend-item")).stream().map(WebElement::getText).toList()));
        assertEquals("The OpenAI governance fight: safety vs acceleration",
                driver.findElement(By.id("story-title")).getText());
        assertEquals("Sam Altman", wait.until(d -> d.findElement(By.cssSelector(
                "#entity-rows tr[data-entity='sam-altman'] td.entity")).getText()));
        assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
        driver.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertEquals("en", driver.findElement(By.tagName("body")).getDomAttribute("data-lang"));
        new Select(driver.findElement(By.id("language-select"))).selectByValue("zh");
        wait.until(d -> "OpenAI 治理之争：安全主义与加速主义".equals(d.findElement(By.id("story-title")).getText()));

        // the XSS title is listed as text, and no element came of it
        // lists are redrawn when live updates arrive: read each one inside a wait that retries a stale element
        String listed = wait.until(d -> d.findElement(By.cssSelector(
                "#article-list li[data-article-id='" + DashboardFixtures.XSS_ID + "'] .article-title")).getText());
        assertEquals(DashboardFixtures.XSS_TITLE, listed);
        assertNoXss();

        // the alert, with its evidence title as text
        List<String> alert = wait.until(d -> {
            WebElement item = d.findElement(By.cssSelector("#alert-list li.alert"));
            return List.of(item.getText(), item.findElement(By.cssSelector(
                    ".alert-evidence li[data-article-id='xss-title'] .article-title")).getText());
        });
        assertTrue(alert.get(0).startsWith("安全主义 · 2023-11-19 · ↓ 转负 down"), alert.get(0));
        assertEquals(DashboardFixtures.XSS_TITLE, alert.get(1));
        assertNoXss();

        // click the safety point of 2023-11-19 (mean of -0.7 and -0.5): its strongest article has the XSS title
        clickPoint("safety", "2023-11-19T00:00:00Z", -0.6);
        wait.until(d -> !d.findElements(By.cssSelector("#evidence-list .sentence")).isEmpty());
        WebElement evidence = driver.findElement(By.cssSelector("#evidence-list .evidence-article"));
        assertEquals(DashboardFixtures.XSS_ID, evidence.getDomAttribute("data-article-id"));
        assertEquals(DashboardFixtures.XSS_TITLE, evidence.findElement(By.tagName("h3")).getText());
        WebElement sentence = evidence.findElement(By.cssSelector(".sentence"));
        assertTrue(sentence.getText().startsWith(DashboardFixtures.EVIDENCE_SENTENCE), sentence.getText());
        assertEquals("苏茨克维", sentence.findElement(By.tagName("mark")).getText());
        assertTrue(driver.findElement(By.id("evidence-summary")).getText().contains("安全主义 · 2023-11-19"));
        WebElement target = evidence.findElement(By.cssSelector(".targets .entity"));
        assertEquals(List.of("伊利亚·苏茨克维", "ilya-sutskever"), List.of(target.getText(), target.getDomAttribute("title")));
        assertNoXss();

        // the list entry of an article shows its scored sentences too
        driver.findElement(By.cssSelector("#article-list li[data-article-id='d3-altman-returns']")).click();
        wait.until(d -> "d3-altman-returns".equals(d.findElement(By.cssSelector("#evidence-list .evidence-article"))
                .getDomAttribute("data-article-id")));
        assertEquals(2, driver.findElements(By.cssSelector("#evidence-list .sentence")).size());
        assertEquals(List.of("奥特曼", "苏茨克维"), driver.findElements(By.cssSelector("#evidence-list mark")).stream()
                .map(WebElement::getText).toList());

        Path screenshot = Path.of("target", "dashboard-screenshot.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);

        // a row of the entity table filters the article list to that entity
        driver.findElement(By.cssSelector("#entity-rows tr[data-entity='greg-brockman']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#article-list li[data-article-id]")).size() == 1);
        assertEquals("d2-employees-back-altman", driver.findElement(By.cssSelector("#article-list li[data-article-id]"))
                .getDomAttribute("data-article-id"));
        new Select(driver.findElement(By.id("filter-entity"))).selectByValue("");

        // live: a record applied to the view reaches the open page through the event stream
        assertEquals("live", driver.findElement(By.id("live-status")).getDomAttribute("data-state"));
        // (the article's record and the window records the aggregate stage publishes for it, as on the topics)
        try (AggregatedStory live = new AggregatedStory(server.view())) {
            live.add(ScoredArticleBuilder.article("live-news").title("雷克加入Anthropic")
                    .publishedAt("2023-11-22T08:00:00Z")
                    .sentence("雷克宣布加入Anthropic继续安全研究。", Map.of("jan-leike", 0.6, "anthropic", 0.3)).build(),
                    Instant.parse("2023-11-22T09:00:00Z")).publish();
        }
        wait.until(d -> !d.findElements(By.cssSelector("#article-list li[data-article-id='live-news']")).isEmpty());

        // the aggregate's hourly faction windows: one point per hour with articles, the live one's included
        new Select(driver.findElement(By.id("window-select"))).selectByValue("1h");
        wait.until(d -> Json.tree(d.findElement(By.id("sentiment-chart")).getDomAttribute("data-points"))
                .path("safety").asInt() == 8);
        assertEquals(6, Json.tree(driver.findElement(By.id("sentiment-chart")).getDomAttribute("data-points"))
                .path("acceleration").asInt());

        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Uncaught"))
                .toList();
        assertEquals(List.of(), violations);
    }

    /** Two stories on one dashboard: the switch lists both, and the page follows the one chosen, also on reload. */
    @Test
    void shouldSwitchBetweenTheStoriesItFollows() throws Exception {
        StoryInfo dam = new StoryInfo("river-dam", "清河水坝之争", "The river dam dispute",
                Map.of("build", new StoryInfo.FactionName("建坝派", "for the dam")));
        StoryView damView = new StoryView();
        damView.applyFactionWindow("build@2023-11-20T00:00:00Z/P1D", Json.toBytes(new FactionSentimentWindow(2,
                "build", "2023-11-20T00:00:00Z", "2023-11-21T00:00:00Z", "P1D", 1, 2, 0.4, 1, 0, 0, 0, -1.0, 1.0,
                true, 0, 1, List.of(), false, "2026-11-20T00:00:00Z", "river-dam")));
        List<StoryView> views = new java.util.ArrayList<>(List.of(DashboardFixtures.view(), damView));
        try (DashboardServer two = DashboardServer.serve(new HttpOptions(0, "127.0.0.1", null, List.of()),
                StoryViews.of(List.of(StoryInfo.defaultStory(), dam), () -> views.remove(0)), metrics)) {
            driver.get(two.url().toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            wait.ignoring(StaleElementReferenceException.class);
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            new Select(driver.findElement(By.id("language-select"))).selectByValue("zh");
            assertTrue(driver.findElement(By.id("story-switch")).isDisplayed(), "two stories: the switch shows");
            assertEquals("openai-governance", wait.until(d -> d.findElement(By.tagName("body"))
                    .getDomAttribute("data-story")));
            assertEquals(List.of("OpenAI 治理之争：安全主义与加速主义", "清河水坝之争"),
                    wait.until(d -> new Select(d.findElement(By.id("story-select"))).getOptions().stream()
                            .map(WebElement::getText).toList()));

            new Select(driver.findElement(By.id("story-select"))).selectByValue("river-dam");
            wait.until(d -> "清河水坝之争".equals(d.findElement(By.id("story-title")).getText()));
            wait.until(d -> "build".equals(d.findElement(By.id("sentiment-chart")).getDomAttribute("data-factions")));
            assertEquals(List.of("建坝派 (1)"), wait.until(d -> d.findElements(
                    By.cssSelector("#sentiment-legend .legend-item")).stream().map(WebElement::getText).toList()));
            assertTrue(driver.getCurrentUrl().endsWith("?story=river-dam"), driver.getCurrentUrl());

            driver.navigate().refresh();
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            assertEquals("清河水坝之争", wait.until(d -> {
                String title = d.findElement(By.id("story-title")).getText();
                return title.isEmpty() || title.equals("storywatch") ? null : title;
            }));
            assertEquals("river-dam", wait.until(d -> new Select(d.findElement(By.id("story-select")))
                    .getFirstSelectedOption().getDomAttribute("value")));
        }
    }

    /**
     * The README's picture: the bundled sample articles analysed as the stages analyse them (the default sentiment
     * model), on the page a reader whose browser prefers Chinese sees. Taken only when asked for, by
     * {@code scripts/screenshot}, which passes the file to write as {@code -Dstorywatch.readme-screenshot=FILE}.
     */
    @Test
    void shouldShowTheBundledSamplesAsTheReadmePictureShowsThem() throws Exception {
        String target = System.getProperty("storywatch.readme-screenshot");
        assumeTrue(target != null, "skipped: scripts/screenshot takes the README's picture");
        StoryView view = new StoryView();
        ArticleAnalyzer analyzer = ArticleAnalyzer.forStory(Stories.defaultStory(), SentimentModels.loadDefault());
        // fed at one fixed time, so that the picture only changes with the page or the samples (an undated sample
        // counts at its arrival)
        long fedAt = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        for (String line : new String(DashboardBrowserTest.class.getClassLoader()
                .getResourceAsStream("samples/articles.jsonl").readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && analyzer.analyze(line.getBytes(StandardCharsets.UTF_8))
                    instanceof ArticleAnalyzer.Analysed analysed) {
                view.applyScored(analysed.analysis(), fedAt);
            }
        }
        try (DashboardServer samples = DashboardServer.serve(new HttpOptions(0, "127.0.0.1", null, List.of()), view,
                metrics)) {
            driver.get(samples.url().toString());
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class);
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            new Select(driver.findElement(By.id("language-select"))).selectByValue("zh");
            wait.until(d -> "acceleration,safety".equals(d.findElement(By.id("sentiment-chart"))
                    .getDomAttribute("data-factions")));
            wait.until(d -> "萨姆·奥特曼".equals(d.findElement(By.cssSelector(
                    "#entity-rows tr[data-entity='sam-altman'] td.entity")).getText()));
            driver.findElement(By.cssSelector("#article-list li[data-article-id]")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#evidence-list .sentence")).isEmpty());
            Path file = Path.of(target);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void clickPoint(String faction, String windowStart, double score) {
        WebElement chart = driver.findElement(By.id("sentiment-chart"));
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) ((JavascriptExecutor) driver).executeScript(
                "return echarts.getInstanceByDom(arguments[0])"
                        + ".convertToPixel({seriesId: 'mean-' + arguments[1]}, [Date.parse(arguments[2]), arguments[3]]);",
                chart, faction, windowStart, score);
        int x = (int) Math.round(pixel.get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
        int y = (int) Math.round(pixel.get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
        new Actions(driver).moveToElement(chart, x, y).click().perform();
    }

    private static void assertNoXss() {
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        Object images = ((JavascriptExecutor) driver).executeScript(
                "return document.querySelectorAll('img').length;");
        assertEquals(0L, images);
    }
}
