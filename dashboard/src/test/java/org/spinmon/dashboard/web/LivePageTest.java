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

/**
 * The live page in a real headless Chromium (Debian's {@code chromium}, driven through Debian's
 * {@code chromedriver}; {@code .ci/run} installs both): it loads, its charts receive points while a replay
 * runs, and the browser logs no error. The screenshot stays in {@code target/live-page.png}.
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
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,2400");
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
        StringWriter err = new StringWriter();
        Thread replay = new Thread(() -> SpinmonMain.run(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), "replay", run.toString(), "--speed", "25", "--port", "0", "--hold",
                "--no-progress"));
        replay.start();
        WebDriver driver = chromium();
        try {
            String base = null;
            for (int i = 0; i < 600 && base == null; i++) {
                Matcher m = METRICS.matcher(err.toString());
                base = m.find() ? m.group(1) : null;
                Thread.sleep(20);
            }
            assertTrue(base != null, err.toString());
            driver.get(base);
            until(driver, d -> points(d) > 0);
            int early = points(driver);
            String earlyState = driver.findElement(By.tagName("body")).getDomAttribute("data-state");
            until(driver, d -> "finished".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state")));
            assertEquals("live", earlyState, "the page followed the replay while it ran");
            assertTrue(early < 10, "points arrived during the replay, not all at once at the end: " + early);
            assertEquals(10, points(driver));
            assertTrue(driver.findElements(By.cssSelector(".chart canvas")).size() >= 10, "charts drawn");
            assertTrue(driver.findElement(By.id("summary")).getText().contains("step 256"),
                    driver.findElement(By.id("summary")).getText());
            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertTrue(errors.isEmpty(), "browser console: " + errors);
            Path shot = Path.of("target", "live-page.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
            replay.interrupt();
            replay.join(30_000);
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
