package org.spinmon.dashboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.dashboard.json.AnalysisJson;

class MonitorServerTest {

    @TempDir
    Path runs;

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LiveRuns live = new LiveRuns();
    private MonitorServer server;

    @BeforeEach
    void start() throws IOException {
        Gauge.builder("spinmon.tc.melt", () -> 1.5).tags("run", "live1", "mode", "live").register(registry);
        server = MonitorServer.start("127.0.0.1", 0, registry, live, runs);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RunManifest manifest(String id) {
        return new RunManifest(RunDirectory.FORMAT_VERSION, id, Instant.parse("2026-11-23T10:00:00Z"), "test",
                new RunManifest.Architecture(List.of(784, 10), List.of("softmax"), false), Map.of("init", 1L), Map.of());
    }

    @Test
    void metricsSpeaksTextAndOpenMetricsByContentNegotiation() throws Exception {
        HttpResponse<String> text = get("metrics");
        assertEquals(200, text.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", text.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(text.body().contains("spinmon_tc_melt{mode=\"live\",run=\"live1\"} 1.5"), text.body());
        HttpResponse<String> om = get("metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertTrue(om.headers().firstValue("Content-Type").orElseThrow().startsWith("application/openmetrics-text"));
        assertTrue(om.body().endsWith("# EOF\n"), om.body());
        assertTrue(server.uri().toString().startsWith("http://127.0.0.1:"));
    }

    @Test
    void runsListsMonitoredAndRecordedRuns() throws Exception {
        live.start("live1", "live").add("{\"step\":0}");
        RunDirectory.create(runs, manifest("old1"));
        JsonNode list = AnalysisJson.JSON.readTree(get("api/runs").body());
        assertEquals(2, list.size());
        assertEquals("live1", list.get(0).get("run").asText());
        assertEquals("running", list.get(0).get("state").asText());
        assertEquals(1, list.get(0).get("analyses").asInt());
        assertEquals("old1", list.get(1).get("run").asText());
        assertEquals("recorded", list.get(1).get("mode").asText());
        assertEquals(784, list.get(1).get("widths").get(0).asInt());
    }

    @Test
    void analysesComeFromMemoryOrFromTheRunsLogWithoutACutLastLine() throws Exception {
        LiveRuns.Run run = live.start("live1", "live");
        run.add("{\"step\":0}");
        run.add("{\"step\":1}");
        JsonNode fromMemory = AnalysisJson.JSON.readTree(get("api/runs/live1/analyses").body());
        assertEquals(2, fromMemory.size());
        RunDirectory dir = RunDirectory.create(runs, manifest("old1"));
        Files.writeString(dir.root().resolve(MonitorServer.ANALYSES), "{\"step\":0}\n{\"step\":1}\n{\"step\":2,\"tc");
        HttpResponse<String> recorded = get("api/runs/old1/analyses");
        assertEquals(200, recorded.statusCode());
        assertEquals("application/json; charset=utf-8", recorded.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(2, AnalysisJson.JSON.readTree(recorded.body()).size());
        assertEquals("3", recorded.headers().firstValue(MonitorServer.SKIPPED_HEADER).orElseThrow());
        // Cut just after an inner object's brace: the line ends with '}' but is not a whole object.
        Files.writeString(dir.root().resolve(MonitorServer.ANALYSES), "{\"step\":0}\n{\"step\":1,\"seconds\":{\"t\":1}");
        HttpResponse<String> cut = get("api/runs/old1/analyses");
        assertEquals(200, cut.statusCode());
        assertEquals(1, AnalysisJson.JSON.readTree(cut.body()).size(), cut.body());
        assertEquals("2", cut.headers().firstValue(MonitorServer.SKIPPED_HEADER).orElseThrow());
        Files.writeString(dir.root().resolve(MonitorServer.ANALYSES), "{\"step\":0}\n");
        assertTrue(get("api/runs/old1/analyses").headers().firstValue(MonitorServer.SKIPPED_HEADER).isEmpty());
    }

    @Test
    void badRequestsGetClearClientErrorsAndTouchNoFileOutsideTheRuns() throws Exception {
        Files.writeString(runs.getParent().resolve(MonitorServer.ANALYSES), "{\"secret\":1}\n");
        assertEquals(404, get("api/runs/nope/analyses").statusCode());
        assertTrue(get("api/runs/nope/analyses").body().contains("no run nope: neither monitored by this process nor"
                + " recorded in the runs directory"));
        assertEquals(400, get("api/runs/..%2F/analyses").statusCode());
        assertEquals(400, get("api/runs/%2E%2E/analyses").statusCode());
        assertEquals(404, get("nothing/here").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.uri().resolve("metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    /** The 400 for a malformed run id says what a run id is. */
    @Test
    void aMalformedRunIdIsAnsweredWithWhatARunIdIs() throws Exception {
        HttpResponse<String> r = get("api/runs/%2E%2E/analyses");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("not a run id: \\\"%2E%2E\\\" (a run id is 1-128 characters from [A-Za-z0-9._-],"
                + " not starting with a dot)"), r.body());
    }

    @Test
    void aPortInUseIsAClearError() {
        int port = server.uri().getPort();
        IOException e = assertThrows(IOException.class,
                () -> MonitorServer.start("127.0.0.1", port, registry, live, runs));
        assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("--port"), e.getMessage());
        assertEquals(URI.create("http://127.0.0.1:" + port + "/"), server.uri());
    }
}
