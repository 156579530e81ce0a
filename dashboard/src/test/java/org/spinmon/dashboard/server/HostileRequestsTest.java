package org.spinmon.dashboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.dashboard.json.AnalysisJson;

/**
 * Hostile and malformed requests on every route that takes a path (RELIABILITY.md, "HTTP"), sent over raw sockets
 * so that nothing is normalised or refused on the way: each gets the documented 4xx with a clear body, and no file
 * outside the runs directory is read. Beside the runs directory lie a secret file and an {@code analyses.jsonl}
 * whose content must never appear in a response, and named pipes (FIFOs) where a traversal or a symbolic link would
 * lead: opening a FIFO blocks until a writer comes, so a server that opened one would never answer, and the request
 * would fail on its 10 s read timeout. The JDK server's own rejections (a target that is not a URI, or has no
 * context) answer HEAD with a body too; spinmon's never do. Inside the runs directory, {@code escape} links to a run directory outside,
 * {@code leak} has its {@code analyses.jsonl} linked to a FIFO outside, {@code stray} its {@code run.json} linked
 * to a manifest outside; {@code alias} links to the run {@code good} inside, which is served (a link is refused
 * only when it leads out).
 */
class HostileRequestsTest {

    /** A request and the status it must get; {@code ours}: the body is spinmon's JSON error, not the JDK's page. */
    record Attack(String method, String target, int status, boolean ours) {
    }

    private static final String SECRET = "SECRET-" + UUID.randomUUID();
    private static final String OUTSIDE_CREATED = "1999-01-01T00:00:00Z";
    private static final String GOOD = "[{\"step\":0},{\"step\":1}]";

    @TempDir
    Path base;

    private Path runs;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LiveRuns live = new LiveRuns();
    private MonitorServer server;

    @BeforeEach
    void start() throws Exception {
        runs = Files.createDirectory(base.resolve("runs"));
        Files.writeString(base.resolve("secret.txt"), SECRET + "\n");
        Files.writeString(base.resolve(MonitorServer.ANALYSES), "{\"step\":0,\"secret\":\"" + SECRET + "\"}\n");
        fifo(base.resolve("fifo"));
        Path outside = RunDirectory.create(base, manifest("outside", OUTSIDE_CREATED)).root();
        Files.writeString(outside.resolve(MonitorServer.ANALYSES), "{\"step\":0,\"secret\":\"" + SECRET + "\"}\n");
        Path good = RunDirectory.create(runs, manifest("good", "2026-11-23T10:00:00Z")).root();
        Files.writeString(good.resolve(MonitorServer.ANALYSES), "{\"step\":0}\n{\"step\":1}\n");
        Files.createSymbolicLink(runs.resolve("escape"), Path.of("..", "outside"));
        Path leak = RunDirectory.create(runs, manifest("leak", "2026-11-23T10:00:00Z")).root();
        Files.createSymbolicLink(leak.resolve(MonitorServer.ANALYSES), Path.of("..", "..", MonitorServer.ANALYSES));
        Path pipe = RunDirectory.create(runs, manifest("pipe", "2026-11-23T10:00:00Z")).root();
        Files.createSymbolicLink(pipe.resolve(MonitorServer.ANALYSES), Path.of("..", "..", "fifo"));
        Path stray = Files.createDirectory(runs.resolve("stray"));
        Files.createSymbolicLink(stray.resolve(RunDirectory.MANIFEST), Path.of("..", "..", "outside", "run.json"));
        Files.createSymbolicLink(runs.resolve("alias"), Path.of("good"));
        live.start("live1", "live").add("{\"step\":0}");
        server = MonitorServer.start("127.0.0.1", 0, registry, live, runs);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static void fifo(Path path) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor(), "mkfifo " + path);
    }

    private static RunManifest manifest(String id, String created) {
        return new RunManifest(RunDirectory.FORMAT_VERSION, id, Instant.parse(created), "test",
                new RunManifest.Architecture(List.of(784, 10), List.of("softmax"), false), Map.of("init", 1L), Map.of());
    }

    /** Run-id payloads, as they go raw into {@code /api/runs/{id}/...}, and the status of {@code analyses}. */
    private List<Attack> runIdAttacks() {
        List<Attack> attacks = new ArrayList<>();
        String[] badIds = {"..", "../..", "../../secret.txt", ".", ".hidden", "", "%2e%2e", "%2E%2e", "%2E%2e%2F..",
            "..%2F..%2Fsecret.txt", "%2e%2e%2fsecret.txt", "%252e%252e", "%252e%252e%252fsecret.txt", "..%5c..%5csecret.txt",
            "%5c", "%c0%ae%c0%ae", "%c0%af", "%e0%80%ae%e0%80%ae", "%00", "good%00", "good%00.txt", "/tmp",
            base.resolve("secret.txt").toString(), "%2F" + base.resolve("secret.txt").toString().substring(1),
            "good/../good", "good;x", "good%3Bx", "a".repeat(129), "a".repeat(100_000), "é", "%C3%A9", "good%20",
            "~", "%7e", "good:x", "C:%5csecret.txt"};
        for (String id : badIds) {
            for (String route : new String[]{"analyses", "events"}) {
                for (String method : new String[]{"GET", "HEAD"}) {
                    attacks.add(new Attack(method, "/api/runs/" + id + "/" + route, 400, true));
                }
            }
        }
        for (String method : new String[]{"GET", "HEAD"}) {
            attacks.add(new Attack(method, "/api/runs/..\\..\\secret.txt/analyses", 400, false));
            attacks.add(new Attack(method, "/api/runs/escape/analyses", 403, true));
            attacks.add(new Attack(method, "/api/runs/leak/analyses", 403, true));
            attacks.add(new Attack(method, "/api/runs/pipe/analyses", 403, true));
            attacks.add(new Attack(method, "/api/runs/stray/analyses", 404, true));
            attacks.add(new Attack(method, "/api/runs/nope/analyses", 404, true));
            attacks.add(new Attack(method, "/api/runs/escape/events", 404, true));
            attacks.add(new Attack(method, "/api/runs/nope/events", 404, true));
            attacks.add(new Attack(method, "/api/runs/analyses", 400, true));
            attacks.add(new Attack(method, "/api/runs/%2e%2e/analyses?x=1", 400, true));
            attacks.add(new Attack(method, "http://127.0.0.1/api/runs/../analyses", 400, true));
        }
        return attacks;
    }

    /** Paths that are no route: static assets come from a fixed list on the class path, never from files. */
    private List<Attack> pathAttacks() {
        List<Attack> attacks = new ArrayList<>();
        String[] notFound = {"/../../secret.txt", "/%2e%2e/%2e%2e/secret.txt", "/assets/../../secret.txt",
            "/assets/..%2f..%2fsecret.txt", "/assets/%252e%252e/secret.txt", "/index.html/../app.js", "/app.js%00.html",
            "/app.js%00", "/assets/uplot.js/..%5c..%5csecret.txt", "/metrics/../api/runs", "/metrics/", "/api/runs/",
            "/META-INF/resources/webjars/uplot/", "/org/spinmon/dashboard/web/index.html", "/api/runs/good/run.json",
            "/api/runs/good/analyses/../../../secret.txt", "/api/runs/good/../../../secret.txt", "/api/runs/good",
            "/%c0%ae%c0%ae/secret.txt", "/secret.txt", "/runs/good/analyses.jsonl", "/" + "a".repeat(100_000),
            "/é", "file://" + base.resolve("secret.txt")};
        for (String path : notFound) {
            for (String method : new String[]{"GET", "HEAD"}) {
                attacks.add(new Attack(method, path, 404, true));
            }
        }
        for (String method : new String[]{"GET", "HEAD"}) {
            attacks.add(new Attack(method, "//etc/passwd", 400, true));
            attacks.add(new Attack(method, "/" + base.resolve("secret.txt"), 400, true));
            attacks.add(new Attack(method, "/..\\..\\secret.txt", 400, false));
            attacks.add(new Attack(method, "/%zz", 400, false));
            attacks.add(new Attack(method, "*", 404, false));
            attacks.add(new Attack(method, "?path=../../secret.txt", 404, false));
        }
        for (String route : new String[]{"/", "/metrics", "/api/runs", "/api/runs/good/analyses", "/api/runs/live1/events",
            "/assets/uplot.js", "/api/runs/../analyses"}) {
            for (String method : new String[]{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "BREW"}) {
                attacks.add(new Attack(method, route, 405, true));
            }
        }
        return attacks;
    }

    @Test
    void everyHostileRequestGetsItsClientErrorWithAClearBodyAndReadsNothingOutsideTheRuns() throws Exception {
        List<Attack> attacks = new ArrayList<>(runIdAttacks());
        attacks.addAll(pathAttacks());
        List<String> failures = new ArrayList<>();
        for (Attack a : attacks) {
            RawHttp.Response r = RawHttp.request(server.uri(), a.method(), a.target());
            String what = a.method() + " " + cut(a.target()) + " -> " + r.status() + " " + cut(r.body());
            if (r.status() != a.status()) {
                failures.add(what + " (expected " + a.status() + ")");
            }
            if (r.body().contains(SECRET) || r.body().contains(OUTSIDE_CREATED)) {
                failures.add(what + " shows a file from outside the runs directory");
            }
            if (a.method().equals("HEAD") && a.ours()) {
                if (!r.body().isEmpty()) {
                    failures.add(what + ": a body in answer to HEAD");
                }
            } else if (a.ours()) {
                JsonNode error = AnalysisJson.JSON.readTree(r.body());
                if (!error.path("error").isTextual() || error.get("error").asText().isBlank()
                        || r.body().contains("\n")) {
                    failures.add(what + ": not a one-line {\"error\": ...}");
                }
            } else if (!a.ours() && r.body().isBlank()) {
                failures.add(what + ": no body");
            }
            if (a.status() == 405 && !"GET, HEAD".equals(r.headers().get("allow"))) {
                failures.add(what + ": no Allow: GET, HEAD");
            }
        }
        assertEquals(List.of(), failures, attacks.size() + " hostile requests");
        assertTrue(attacks.size() > 250, "the table: " + attacks.size());
    }

    @Test
    void theErrorsSayWhatIsWrong() throws Exception {
        URI uri = server.uri();
        assertEquals("{\"error\":\"not a run id: \\\"%2e%2e\\\" (a run id is 1-128 characters from [A-Za-z0-9._-], not"
                + " starting with a dot)\"}", RawHttp.request(uri, "GET", "/api/runs/%2e%2e/analyses").body());
        assertEquals("{\"error\":\"run escape links out of the runs directory; spinmon serves only files inside"
                + " it\"}", RawHttp.request(uri, "GET", "/api/runs/escape/analyses").body());
        assertEquals("{\"error\":\"no run nope: neither monitored by this process nor recorded in the runs"
                + " directory\"}", RawHttp.request(uri, "GET", "/api/runs/nope/analyses").body());
        assertEquals("{\"error\":\"no analyses of run stray; analyse it with spinmon replay\"}",
                RawHttp.request(uri, "GET", "/api/runs/stray/analyses").body());
        assertEquals("{\"error\":\"method DELETE not allowed; this server answers GET and HEAD\"}",
                RawHttp.request(uri, "DELETE", "/metrics").body());
        assertEquals("{\"error\":\"the request target must be a path starting with a single /\"}",
                RawHttp.request(uri, "GET", "//etc/passwd").body());
        String longId = RawHttp.request(uri, "GET", "/api/runs/" + "a".repeat(100_000) + "/analyses").body();
        assertTrue(longId.length() < 400 && longId.contains("\\\"" + "a".repeat(140) + "…\\\""), longId);
    }

    @Test
    void queriesAreIgnoredAndLinksInsideTheRunsAreServed() throws Exception {
        URI uri = server.uri();
        assertEquals(GOOD, RawHttp.request(uri, "GET", "/api/runs/good/analyses?file=../../secret.txt").body());
        assertEquals(GOOD, RawHttp.request(uri, "GET", "/api/runs/alias/analyses").body());
        assertEquals(200, RawHttp.request(uri, "GET", "/metrics?path=..%2f..%2fsecret.txt").status());
        RawHttp.Response head = RawHttp.request(uri, "HEAD", "/api/runs/good/analyses");
        assertEquals(200, head.status());
        assertEquals("", head.body());
        RawHttp.Response events = RawHttp.request(uri, "HEAD", "/api/runs/live1/events");
        assertEquals(200, events.status());
        assertEquals("text/event-stream; charset=utf-8", events.headers().get("content-type"));
    }

    @Test
    void theRunListShowsLinksOutWithTheirReasonAndReadsNothingBehindThem() throws Exception {
        JsonNode list = AnalysisJson.JSON.readTree(RawHttp.request(server.uri(), "GET", "/api/runs").body());
        List<String> ids = new ArrayList<>();
        list.forEach(r -> ids.add(r.get("run").asText()));
        assertEquals(List.of("live1", "alias", "escape", "good", "leak", "pipe", "stray"), ids);
        for (JsonNode run : list) {
            String id = run.get("run").asText();
            if (id.equals("escape") || id.equals("stray")) {
                assertEquals("run " + id + " " + RunsRoot.OUTSIDE, run.get("problem").asText(), id);
                assertFalse(run.has("created"), id);
            } else if (!id.equals("live1")) {
                assertEquals("2026-11-23T10:00:00Z", run.get("created").asText(), id);
            }
        }
        assertFalse(list.toString().contains(OUTSIDE_CREATED));
    }

    @Test
    void aTargetWithoutAPathIsClosedByTheJdkServerWhichGoesOn() throws Exception {
        // "host:443" has no path: the JDK server closes the connection before any handler runs (no response).
        IOException closed = assertThrows(IOException.class, () -> RawHttp.request(server.uri(), "GET", "host:443"));
        assertTrue(closed.getMessage().startsWith("not an HTTP response"), closed.getMessage());
        assertEquals(GOOD, RawHttp.request(server.uri(), "GET", "/api/runs/good/analyses").body());
    }

    @Test
    void requestsOverTheJdkHeaderLimitAreRefusedBeforeSpinmonSeesThem() throws Exception {
        byte[] huge = ("GET /api/runs/" + "a".repeat(1_000_000) + "/analyses HTTP/1.1\r\nHost: x\r\nConnection: close"
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            RawHttp.Response r = RawHttp.send(server.uri(), huge);
            assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status());
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("reset") || e.getMessage().contains("Broken pipe")
                    || e.getMessage().startsWith("not an HTTP response"), e.toString());
        }
        assertEquals(GOOD, RawHttp.request(server.uri(), "GET", "/api/runs/good/analyses").body());
    }

    private static String cut(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
