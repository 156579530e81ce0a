package org.spinmon.dashboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.dashboard.json.AnalysisJson;

/**
 * spinmon's HTTP server (the JDK's {@code HttpServer}, no framework):
 *
 * <ul>
 *   <li>{@code GET /}: the live page ({@code index.html}, {@code app.js}, {@code style.css}, uPlot from its
 *       WebJar under {@code /assets/});</li>
 *   <li>{@code GET /metrics}: the registry in the Prometheus text format 0.0.4, or OpenMetrics 1.0 when the
 *       {@code Accept} header asks for {@code application/openmetrics-text};</li>
 *   <li>{@code GET /api/runs}: the runs this process monitors and the recorded runs under the runs directory,
 *       as a JSON array of {@code {run, mode, state, ...}};</li>
 *   <li>{@code GET /api/runs/{id}/analyses}: a run's analyses as a JSON array in step order (a monitored run's
 *       from memory, a recorded one's from its {@code analyses.jsonl}, without the lines that are not whole
 *       JSON objects, such as a last one cut short by a crash ({@link AnalysesLog}), whose numbers are in the
 *       header {@value #SKIPPED_HEADER});</li>
 *   <li>{@code GET /api/runs/{id}/events}: a monitored run's analyses as Server-Sent Events ({@link EventStream}).</li>
 * </ul>
 *
 * Run ids are checked against the snapshot format's id syntax before any file is touched, so no path outside
 * the runs directory can be named. Binds to the given host (127.0.0.1 by default in the commands).
 */
public final class MonitorServer implements AutoCloseable {

    /** The file, in a run directory, where a live run's analyses are appended as JSON lines. */
    public static final String ANALYSES = "analyses.jsonl";

    /**
     * The response header that lists, comma-separated, the numbers of the lines of a recorded run's
     * {@value #ANALYSES} left out of its analyses because they are not whole JSON objects (a last line cut short by
     * a crash); absent when none is.
     */
    public static final String SKIPPED_HEADER = "X-Spinmon-Skipped-Lines";

    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final LiveRuns live;
    private final Path runs;
    private final StaticAssets assets = new StaticAssets();
    private final Scrapes scrapes = new Scrapes();

    private MonitorServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry, LiveRuns live,
                          Path runs) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.live = live;
        this.runs = runs;
    }

    /**
     * Starts the server.
     *
     * @param host     address to bind
     * @param port     port, 0 for any free one
     * @param registry what {@code /metrics} exposes
     * @param live     the runs this process monitors
     * @param runs     the runs directory of recorded runs, or {@code null} for none
     * @throws IOException with a clear message when the port is taken or the host cannot be bound
     */
    public static MonitorServer start(String host, int port, PrometheusMeterRegistry registry, LiveRuns live, Path runs)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); is another spinmon running? choose another port with --port", e);
        }
        // A thread per connection: event streams stay open for a run's length and must not starve other requests.
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "spinmon-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        MonitorServer monitor = new MonitorServer(server, executor, registry, live, runs);
        server.createContext("/", monitor::handle);
        server.start();
        return monitor;
    }

    /** @return the server's base address, e.g. {@code http://127.0.0.1:9464/} */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                error(exchange, 405, "method " + method + " not allowed");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/metrics")) {
                metrics(exchange);
            } else if (path.equals("/api/runs")) {
                send(exchange, 200, JSON, AnalysisJson.line(runList()));
            } else if (path.startsWith("/api/runs/") && path.endsWith("/analyses")) {
                analyses(exchange, path.substring("/api/runs/".length(), path.length() - "/analyses".length()));
            } else if (path.startsWith("/api/runs/") && path.endsWith("/events")) {
                events(exchange, path.substring("/api/runs/".length(), path.length() - "/events".length()));
            } else {
                Optional<StaticAssets.Asset> asset = assets.get(path);
                if (asset.isPresent()) {
                    send(exchange, 200, asset.get().type(), asset.get().bytes());
                } else {
                    error(exchange, 404, "no such resource: " + path);
                }
            }
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        String accept = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")).orElse("");
        boolean openMetrics = accept.contains("application/openmetrics-text");
        String type = openMetrics ? OPENMETRICS : TEXT;
        send(exchange, 200, type, registry.scrape(type));
        scrapes.scraped();
    }

    /** @return the scrapes of {@code /metrics} answered so far */
    public Scrapes scrapes() {
        return scrapes;
    }

    private ArrayNode runList() throws IOException {
        ArrayNode list = AnalysisJson.JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (LiveRuns.Run run : live.all()) {
            ObjectNode o = list.addObject();
            o.put("run", run.id());
            o.put("mode", run.mode());
            o.put("state", run.state());
            o.put("analyses", run.analyses().size());
            seen.add(run.id());
        }
        for (Path dir : recordedRuns()) {
            String id = dir.getFileName().toString();
            if (seen.contains(id)) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("run", id);
            o.put("mode", "recorded");
            o.put("state", "finished");
            try {
                RunManifest manifest = RunDirectory.at(dir).readManifest();
                o.put("created", manifest.created().toString());
                ArrayNode widths = o.putArray("widths");
                manifest.architecture().widths().forEach(widths::add);
            } catch (IOException e) {
                o.put("problem", IoProblems.describe(e));
            } catch (RuntimeException e) {
                o.put("problem", String.valueOf(e.getMessage()));
            }
        }
        return list;
    }

    private List<Path> recordedRuns() throws IOException {
        if (runs == null || !Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(RunDirectory.MANIFEST))).sorted().toList();
        }
    }

    private void events(HttpExchange exchange, String id) throws IOException {
        if (!validId(exchange, id)) {
            return;
        }
        Optional<LiveRuns.Run> run = live.get(id);
        if (run.isEmpty()) {
            error(exchange, 404, "run " + id + " is not monitored by this process; its analyses are at /api/runs/"
                    + id + "/analyses");
            return;
        }
        EventStream.serve(exchange, run.get());
    }

    private static boolean validId(HttpExchange exchange, String id) throws IOException {
        try {
            Snapshot.checkRunId(id);
            return true;
        } catch (IllegalArgumentException e) {
            error(exchange, 400, "not a run id: " + e.getMessage());
            return false;
        }
    }

    private void analyses(HttpExchange exchange, String id) throws IOException {
        if (!validId(exchange, id)) {
            return;
        }
        Optional<LiveRuns.Run> run = live.get(id);
        List<String> lines;
        if (run.isPresent()) {
            lines = run.get().analyses();
        } else {
            Path file = runs == null ? null : runs.resolve(id).resolve(ANALYSES);
            if (file == null || !Files.isRegularFile(file)) {
                error(exchange, 404, "no analyses of run " + id + (runs != null && Files.isDirectory(runs.resolve(id))
                        ? "; analyse it with spinmon replay" : ""));
                return;
            }
            AnalysesLog.Contents log = AnalysesLog.read(file);
            lines = log.lines();
            if (!log.skipped().isEmpty()) {
                exchange.getResponseHeaders().set(SKIPPED_HEADER, log.skipped().stream().map(String::valueOf)
                        .collect(Collectors.joining(",")));
            }
        }
        send(exchange, 200, JSON, "[" + String.join(",", lines) + "]");
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode o = AnalysisJson.JSON.createObjectNode();
        o.put("error", message);
        send(exchange, status, JSON, AnalysisJson.line(o));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
