package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.safetensors.DType;
import org.spinmon.analyzer.testing.SnapshotFixtures;
import org.spinmon.dashboard.json.AnalysisJson;

/**
 * The real Prometheus (Debian's {@code prometheus}, installed by {@code .ci/run}) on 127.0.0.1 with a temporary
 * TSDB scrapes a short {@code spinmon replay}; its HTTP API must return the values the analyzer produced.
 */
@Tag("prometheus")
class PrometheusScrapeTest {

    private static final Pattern BASE = Pattern.compile("metrics at (http://\\S+/)metrics");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode get(URI uri) throws Exception {
        return AnalysisJson.JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void prometheusScrapesTheValuesTheAnalyzerProduced() throws Exception {
        RunManifest manifest = new RunManifest(RunDirectory.FORMAT_VERSION, "prom1", Instant.parse("2026-11-23T10:00:00Z"),
                "test", new RunManifest.Architecture(List.of(24, 16, 8, 4), List.of("relu", "relu", "softmax"), false),
                Map.of("init", 9L), Map.of());
        RunDirectory run = RunDirectory.create(dir.resolve("runs"), manifest);
        for (long step : new long[]{0, 1, 2, 4}) {
            run.write(SnapshotFixtures.xavier("prom1", step, 9, 24, 16, 8, 4), DType.F32);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread replay = new Thread(() -> SpinmonMain.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "replay", run.root().toString(), "--port", "0", "--hold", "--json", "--no-progress"));
        replay.start();
        Process prometheus = null;
        try {
            String base = null;
            for (int i = 0; i < 1500 && (base == null || !err.toString().contains("still serving")); i++) {
                Matcher m = BASE.matcher(err.toString());
                base = m.find() ? m.group(1) : null;
                Thread.sleep(20);
            }
            assertTrue(base != null && err.toString().contains("still serving"), err.toString());
            String[] lines = out.toString().split("\n");
            JsonNode last = AnalysisJson.JSON.readTree(lines[3]);
            assertEquals(4, last.get("step").asLong());

            URI target = URI.create(base);
            int port = freePort();
            Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n"
                    + "scrape_configs:\n  - job_name: spinmon\n    static_configs:\n      - targets: ['"
                    + target.getHost() + ":" + target.getPort() + "']\n");
            prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=");
            JsonNode melt = query(api, "spinmon_tc_melt{run=\"prom1\",mode=\"replay\"}");
            assertEquals(last.get("tc_melt").asDouble(), melt.get("value").get(1).asDouble(), 0.0, melt.toString());
            assertEquals("spinmon", melt.get("metric").get("job").asText());
            JsonNode sigma = query(api, "spinmon_layer_sigma_max{run=\"prom1\",layer=\"2\"}");
            assertEquals(last.get("layers").get(1).get("sigma_max").asDouble(), sigma.get("value").get(1).asDouble(), 0.0);
            JsonNode emitted = query(api, "spinmon_snapshots_emitted_total{run=\"prom1\"}");
            assertEquals(4, emitted.get("value").get(1).asDouble(), 0.0);
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                assertTrue(prometheus.waitFor(30, TimeUnit.SECONDS), "prometheus did not stop");
            }
            replay.interrupt();
            replay.join(30_000);
        }
    }

    /** @return the single series {@code promql} selects, once Prometheus has scraped it (at most a minute) */
    private JsonNode query(URI api, String promql) throws Exception {
        URI uri = URI.create(api + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                JsonNode result = get(uri).get("data").get("result");
                if (result.size() == 1) {
                    return result.get(0);
                }
            } catch (IOException notUpYet) {
                // Prometheus is still starting: try again.
            }
            assertTrue(System.nanoTime() < deadline, "Prometheus never returned " + promql);
            Thread.sleep(200);
        }
    }
}
