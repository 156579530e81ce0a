package org.spinmon.dashboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.testing.SnapshotFixtures;
import org.spinmon.dashboard.cli.SpinmonMain;
import org.spinmon.trainer.mnist.TestMnist;

/**
 * The live page in a real headless Chromium (Debian's {@code chromium}, driven through Debian's
 * {@code chromedriver}; {@code .ci/run} installs both): it loads, its charts receive points while a run goes on,
 * and the browser logs no error. The screenshot stays in {@code target/live-page.png}.
 */
class LivePageTest {

    private static final Pattern METRICS = Pattern.compile("metrics at (http://\\S+/)metrics");

    @TempDir
    Path dir;

    /** A recorded run of 10 snapshots at steps 0, 1, 2, 4, … 256, recorded one second per step apart (replayed at 25×: about 10 s). */
    private Path recordedRun() throws Exception {
        RunManifest manifest = new RunManifest(RunDirectory.FORMAT_VERSION, "page1", Instant.parse("2026-11-23T10:00:00Z"),
                "test", new RunManifest.Architecture(List.of(40, 30, 20, 10), List.of("relu", "relu", "softmax"), false),
                Map.of("init", 5L), Map.of());
        RunDirectory run = RunDirectory.create(dir.resolve("runs"), manifest);
        for (int i = 0; i < 10; i++) {
            long step = i == 0 ? 0 : 1L << (i - 1);
            Snapshot s = SnapshotFixtures.xavier("page1", step, 5, 40, 30, 20, 10);
            run.write(s, DType.F32);
        }
        return run.root();
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,4200");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void chartsFillWhileAReplayRunsWithoutBrowserErrors() throws Exception {
        Path run = recordedRun();
        Watched w = watch("replay", run.toString(), "--speed", "25");
        assertTrue(w.early < 10, "points arrived during the replay, not all at once at the end: " + w.early);
        assertEquals(10, w.points);
        assertTrue(w.summary.contains("step 256"), w.summary);
    }

    @Test
    void chartsFillWhileALiveRunTrains() throws Exception {
        Path runs = dir.resolve("live-runs");
        Watched w = watch("train", "--widths", "784-32-16-10", "--max-steps", "400", "--stride", "8",
                "--train-examples", "4000", "--epochs", "10", "--policy", "block", "--landscape-every", "16",
                "--runs", runs.toString(), "--run-id", "live1",
                "--data", TestMnist.unpacked().toString());
        assertEquals(Files.readAllLines(runs.resolve("live1").resolve("analyses.jsonl")).size(), w.points);
        assertTrue(w.summary.contains("step 400"), w.summary);
    }

    /** What the page showed: analyses seen while the run was live, at the end, and the summary line. */
    private record Watched(int early, int points, String summary) {
    }

    /** Runs a spinmon command with the server on a free port and watches its run in Chromium to the end. */
    private Watched watch(String... command) throws Exception {
        StringWriter output = new StringWriter();
        PrintWriter both = new PrintWriter(output, true);
        String[] args = new String[command.length + 4];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(new String[]{"--port", "0", "--hold", "--no-progress"}, 0, args, command.length, 4);
        Thread process = new Thread(() -> SpinmonMain.run(both, both, args));
        process.start();
        WebDriver driver = chromium();
        try {
            String base = null;
            for (int i = 0; i < 1500 && base == null; i++) {
                Matcher m = METRICS.matcher(output.toString());
                base = m.find() ? m.group(1) : null;
                Thread.sleep(20);
            }
            assertTrue(base != null, output.toString());
            driver.get(base);
            until(driver, d -> points(d) > 0);
            int early = points(driver);
            String earlyState = driver.findElement(By.tagName("body")).getDomAttribute("data-state");
            until(driver, d -> "finished".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state")));
            assertEquals("live", earlyState, "the page followed the run while it ran");
            assertTrue(driver.findElements(By.cssSelector(".chart canvas")).size() >= 10, "charts drawn");
            WebElement alpha = driver.findElement(By.xpath("//div[@class='chart'][h2='WeightWatcher alpha per layer']"));
            assertEquals(1, alpha.findElements(By.tagName("canvas")).size(), "the alpha chart is drawn");
            assertTrue(Integer.parseInt(alpha.getDomAttribute("data-values")) > 0, "alpha values");
            for (WebElement chart : driver.findElements(By.cssSelector("div.chart[data-bad-x]"))) {
                assertEquals("0", chart.getDomAttribute("data-bad-x"), "no step <= 0 on the log axis of "
                        + chart.findElement(By.tagName("h2")).getText());
            }
            String legend = alpha.findElement(By.className("u-legend")).getText();
            assertTrue(legend.contains("layer 1") && legend.contains("alpha = 2") && legend.contains("alpha = 6"),
                    "alpha per layer with the 2 and 6 guide lines: " + legend);
            if (command[0].equals("train")) {
                // A trained run has its probe batch: the freezing heatmap and the kernel charts are drawn.
                WebElement freezing = driver.findElement(By.xpath("//div[contains(@class,'heatmap')]"
                        + "[starts-with(h2,'Freezing profile')]"));
                int cells = Integer.parseInt(freezing.findElement(By.tagName("canvas")).getDomAttribute("data-cells"));
                assertTrue(cells >= 3 * (points(driver) - 2), "the freezing heatmap has a cell per layer and"
                        + " analysis after the first: " + cells);
                WebElement kernels = driver.findElement(By.xpath("//div[@class='chart']"
                        + "[h2='Kernel–target alignment per hidden layer']"));
                assertTrue(kernels.findElement(By.className("u-legend")).getText().contains("layer 2"),
                        "the kernel view of both hidden layers");
                WebElement images = driver.findElement(By.cssSelector(".gallery .images"));
                assertEquals("12", images.getDomAttribute("data-images"), "4 lowest-energy 28x28 inputs at each of"
                        + " the 3 default betas");
                WebElement pq = driver.findElement(By.xpath("//div[@class='chart']"
                        + "[starts-with(h2,'Input landscape: replica overlap')]"));
                assertTrue(pq.findElement(By.className("u-legend")).getText().contains("class 0, β 128"),
                        "P(q) of each beta");
            }
            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertTrue(errors.isEmpty(), "browser console: " + errors);
            Path shot = Path.of("target", "live-page-" + command[0] + ".png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return new Watched(early, points(driver), driver.findElement(By.id("summary")).getText());
        } finally {
            driver.quit();
            process.interrupt();
            process.join(30_000);
        }
    }

    /** Polls {@code condition} every 20 ms, for at most a minute. */
    private static void until(WebDriver driver, Predicate<WebDriver> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!condition.test(driver)) {
            assertTrue(System.nanoTime() < deadline, "the page did not get there within a minute");
            Thread.sleep(20);
        }
    }

    private static int points(WebDriver d) {
        return Integer.parseInt(d.findElement(By.tagName("body")).getDomAttribute("data-points"));
    }
}
