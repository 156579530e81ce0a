package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.snapshot.SnapshotFiles;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.dashboard.server.MonitorServer;
import org.spinmon.trainer.mnist.TestMnist;

/**
 * A real diverging run (RELIABILITY.md, "Non-finite weights"): {@code spinmon train} at a learning rate of 1e20
 * on a small network, whose loss is NaN after two Adam steps. The non-finite snapshot is recorded, counted and
 * analysed as undefined with its reason; training ends with one clear line, no stack trace; the run replays; and
 * the real Prometheus, loading the repository's rules and scraping the run, fires SpinmonNonFiniteWeights.
 */
@Tag("prometheus")
class DivergenceTest {

    private static final String[] DIVERGING = {"train", "--widths", "784-32-16-10", "--lr", "1e20", "--max-steps",
        "50", "--no-tap", "--probe-size", "16", "--no-progress", "--run-id", "div1"};

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private String[] diverging(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(DIVERGING));
        args.addAll(List.of("--data", TestMnist.unpacked().toString(), "--runs", dir.resolve("runs").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aDivergingRunRecordsCountsAndReportsTheNonFiniteSnapshotAndEndsWithOneLine() throws Exception {
        SpinmonMainTest.Run r = SpinmonMainTest.run(diverging("--port", "0"));
        assertEquals(1, r.status(), r.err());
        assertEquals("spinmon train: training diverged: the loss is NaN after step 2 (epoch 0.0021); try a learning"
                + " rate smaller than 1.0E20\n", r.err(), "one line, no stack trace");
        assertTrue(r.out().contains("snapshots: 3 emitted, 3 analysed, 0 dropped, 3 written, 0 write failures,"
                + " 0 analysis failures, 1 non-finite\n"), r.out());

        Path run = dir.resolve("runs/div1");
        Snapshot recorded = SnapshotFiles.read(run.resolve(RunDirectory.SNAPSHOTS).resolve("step-000000002.safetensors"));
        assertTrue(recorded.nonFiniteCount() > 0, "the diverged weights are on disk as they were");
        List<String> lines = Files.readAllLines(run.resolve(MonitorServer.ANALYSES), StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        JsonNode diverged = AnalysisJson.JSON.readTree(lines.get(2));
        assertEquals(2, diverged.get("step").asLong());
        assertTrue(diverged.get("tc_melt").isNull() && diverged.get("t_sg").isNull() && diverged.get("phase").isNull());
        String reason = recorded.nonFiniteCount() + " weights or biases are NaN or infinite";
        assertEquals(reason, diverged.get("reasons").get("tc_melt").asText());
        assertEquals(reason, diverged.get("reasons").get("views").asText());
        assertFalse(diverged.has("error"), "undefined, not failed");

        SpinmonMainTest.Run replay = SpinmonMainTest.run("replay", run.toString(), "--port", "0", "--no-progress");
        assertEquals(0, replay.status(), replay.err());
        assertTrue(replay.out().contains("snapshots: 3 emitted, 3 analysed, 0 dropped, 0 written, 0 write failures,"
                + " 0 analysis failures, 1 non-finite\n"), replay.out());
    }

    @Test
    void prometheusWithTheRepositorysRulesFiresSpinmonNonFiniteWeights() throws Exception {
        int spinmon = freePort();
        int port = freePort();
        Path rules = Path.of(System.getProperty("spinmon.root")).resolve("prometheus/rules/spinmon.rules.yml");
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n"
                + "  evaluation_interval: 1s\nrule_files:\n  - " + rules + "\nscrape_configs:\n  - job_name: spinmon\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:" + spinmon + "']\n");
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // --hold keeps the diverged run's /metrics up: it ends within a second, before Prometheus's first scrape, so
        // its counter is already 1 when Prometheus first sees it (the case increase() alone cannot see).
        String[] args = diverging("--port", String.valueOf(spinmon), "--hold");
        Thread training = new Thread(() -> SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args));
        training.start();
        try {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=");
            JsonNode alert = firstResult(api, "ALERTS{alertname=\"SpinmonNonFiniteWeights\",alertstate=\"firing\"}",
                    Duration.ofMinutes(2), dir.resolve("prometheus.log"));
            JsonNode labels = alert.get("metric");
            assertEquals("div1", labels.get("run").asText());
            assertEquals("live", labels.get("mode").asText());
            assertEquals("critical", labels.get("severity").asText());
            assertEquals("spinmon", labels.get("job").asText());
            assertTrue(err.toString().contains("training diverged"), err.toString());
        } finally {
            prometheus.destroy();
            assertTrue(prometheus.waitFor(30, TimeUnit.SECONDS), "prometheus did not stop");
            training.interrupt();
            training.join(30_000);
        }
    }

    private JsonNode firstResult(URI api, String promql, Duration within, Path log) throws Exception {
        URI uri = URI.create(api + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                JsonNode result = AnalysisJson.JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("data").path("result");
                if (result.size() > 0) {
                    return result.get(0);
                }
            } catch (IOException notUpYet) {
                // Prometheus is still starting; the deadline bounds the wait.
            }
            assertTrue(System.nanoTime() < deadline, "Prometheus never returned " + promql + "\n"
                    + Files.readString(log));
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
