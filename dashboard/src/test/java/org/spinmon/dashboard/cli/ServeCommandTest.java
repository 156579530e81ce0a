package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.dashboard.server.MonitorServer;

class ServeCommandTest {

    @TempDir
    Path runs;

    @Test
    void servesThePageAndTheRecordedRunsUntilInterrupted() throws Exception {
        RunDirectory run = RunDirectory.create(runs, new RunManifest(RunDirectory.FORMAT_VERSION, "old1",
                Instant.parse("2026-11-23T10:00:00Z"), "test", new RunManifest.Architecture(List.of(784, 10),
                List.of("softmax"), false), Map.of("init", 1L), Map.of()));
        Files.writeString(run.root().resolve(MonitorServer.ANALYSES), "{\"step\":0,\"tc_melt\":1.25}\n");
        StringWriter out = new StringWriter();
        int[] exit = {-1};
        Thread serve = new Thread(() -> exit[0] = SpinmonMain.run(new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "serve", runs.toString(), "--port", "0"));
        serve.start();
        Pattern address = Pattern.compile("on (http://\\S+/);");
        Matcher m = address.matcher("");
        for (int i = 0; i < 500 && !m.find(); i++) {
            Thread.sleep(20);
            m = address.matcher(out.toString());
        }
        URI base = URI.create(m.group(1));
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(base.resolve("api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(list.contains("\"run\":\"old1\"") && list.contains("\"mode\":\"recorded\""), list);
        String analyses = http.send(HttpRequest.newBuilder(base.resolve("api/runs/old1/analyses")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertEquals("[{\"step\":0,\"tc_melt\":1.25}]", analyses);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("<title>spinmon</title>"));
        serve.interrupt();
        serve.join(10_000);
        assertTrue(!serve.isAlive(), "serve stops when interrupted");
    }

    @Test
    void aMissingRunsDirectoryIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = SpinmonMain.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve",
                runs.resolve("nope").toString());
        assertEquals(2, exit);
        assertTrue(err.toString().contains("RUNS must be an existing directory"), err.toString());
    }
}
