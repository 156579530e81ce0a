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
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.run.RunDirectory;
import org.spinmon.analyzer.run.RunManifest;
import org.spinmon.dashboard.json.AnalysisJson;

/**
 * spinmon's HTTP server (the JDK's {@code HttpServer}, no framework):
 *
 * <ul>
 *   <li>{@code GET /}: the live page ({@code index.html}, {@code app.js}, {@code style.css}, uPlot from its
 *       WebJar under {@code /assets/}), from the class path only ({@link StaticAssets});</li>
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
 * <p>HEAD is answered as GET without a body. A request the server refuses gets a JSON body
 * {@code {"error": "..."}} and: 400 for a request target that is not a path and for a run id that does not match
 * the id syntax, checked on the raw path before any decoding or file access ({@link RunsRoot}); 403 for a run that
 * leads out of the runs directory through a symbolic link; 404 for an unknown run or path; 405 (with
 * {@code Allow}) for other methods; 503 (with {@code Retry-After}) for an event stream beyond the limit. A query
 * string is ignored. Requests the JDK server rejects before spinmon sees them (a target that is not a valid URI,
 * such as one with a backslash or a space; headers over its limits) get the JDK's own 4xx.
 *
 * <p>Clients cannot stall the server or the analysis: a thread serves each exchange; the analysis thread only
 * hands analyses to per-client bounded queues; a client that stops taking bytes is dropped after
 * {@link ClientLimits#stall()} ({@link StalledClients}); one that sends half a request is dropped by the JDK after
 * {@value #MAX_REQUEST_SECONDS} s ({@code sun.net.httpserver.maxReqTime}, which this class sets unless given).
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

    /** The JDK server's limit on the time to receive a request's line and headers, in seconds. */
    static final long MAX_REQUEST_SECONDS = 10;

    /** The pending connections the listening socket queues (the kernel may lower it to {@code somaxconn}). */
    static final int BACKLOG = 256;

    private static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String RUNS_PREFIX = "/api/runs/";
    private static final int CHUNK = 64 * 1024;

    static {
        // Read once, when the JDK server's classes load: set before the first server is created.
        if (System.getProperty(MAX_REQ_TIME) == null) {
            System.setProperty(MAX_REQ_TIME, String.valueOf(MAX_REQUEST_SECONDS));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final LiveRuns live;
    private final RunsRoot runs;
    private final StalledClients stalls;
    private final EventStream events;
    private final StaticAssets assets = new StaticAssets();
    private final Scrapes scrapes = new Scrapes();

    private MonitorServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry, LiveRuns live,
                          Path runs, ClientLimits limits) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.live = live;
        this.runs = new RunsRoot(runs);
        ClientCounters counters = new ClientCounters(registry);
        this.stalls = new StalledClients(limits.stall(), counters.stalled::increment);
        this.events = new EventStream(limits, counters);
    }

    /**
     * Starts the server with the {@linkplain ClientLimits#DEFAULT default client limits}.
     *
     * @param host     address to bind
     * @param port     port, 0 for any free one
     * @param registry what {@code /metrics} exposes
     * @param live     the runs this process monitors
     * @param runs     the runs directory of recorded runs, or {@code null} for none
     * @throws IOException with a one-line message naming the address, and {@code --port} when the port is taken
     *                     or {@code --host} when the address is not one of this machine's
     */
    public static MonitorServer start(String host, int port, PrometheusMeterRegistry registry, LiveRuns live, Path runs)
            throws IOException {
        return start(host, port, registry, live, runs, ClientLimits.DEFAULT);
    }

    static MonitorServer start(String host, int port, PrometheusMeterRegistry registry, LiveRuns live, Path runs,
                               ClientLimits limits) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        } catch (BindException e) {
            String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            throw new IOException(String.valueOf(e.getMessage()).contains("in use")
                    ? "cannot listen on " + address + ": the port is in use (another spinmon?); choose another --port"
                    : "cannot listen on " + address + ": " + e.getMessage() + "; --host must be an address of this"
                    + " machine", e);
        }
        // A thread per exchange: event streams stay open for a run's length and must not starve other requests;
        // the stall limit and the event-stream limit bound what clients can hold.
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "spinmon-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        MonitorServer monitor = new MonitorServer(server, executor, registry, live, runs, limits);
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
        stalls.close();
    }

    /** @return the scrapes of {@code /metrics} answered so far */
    public Scrapes scrapes() {
        return scrapes;
    }

    private void handle(HttpExchange exchange) throws IOException {
        // Closed in reverse order, a failure to close attached to the exception in flight rather than replacing it:
        // the exchange first (closing reads what is left of a request body, which the client may never send, so it
        // is watched too), then the watch.
        try (StalledClients.Watch watch = stalls.watch(); Closing closing = () -> watch.io(exchange::close)) {
            try {
                route(exchange, watch);
            } catch (HttpProblem p) {
                error(exchange, watch, p.status(), p.getMessage());
            } catch (IOException e) {
                if (!watch.dropped()) {
                    // A recorded run's file that cannot be read: the client gets the reason while it can be sent.
                    if (exchange.getResponseCode() == -1) {
                        error(exchange, watch, 500, "cannot read the run's files: " + IoProblems.describe(e));
                    }
                    throw e;
                }
                // Dropped for a stall: counted in spinmon_http_clients_dropped_total{reason="stalled"}.
            } catch (RuntimeException e) {
                if (exchange.getResponseCode() == -1) {
                    error(exchange, watch, 500, "internal error: " + e);
                }
                throw e;
            }
        }
    }

    /** Something to close whose failure is an {@link IOException}. */
    private interface Closing extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private void route(HttpExchange exchange, StalledClients.Watch watch) throws IOException, HttpProblem {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new HttpProblem(405, "method " + method + " not allowed; this server answers GET and HEAD");
        }
        URI target = exchange.getRequestURI();
        String path = target.getRawPath();
        if (path == null || !path.startsWith("/") || (target.getScheme() == null && target.getRawAuthority() != null)) {
            throw new HttpProblem(400, "the request target must be a path starting with a single /");
        }
        if (path.equals("/metrics")) {
            metrics(exchange, watch);
        } else if (path.equals("/api/runs")) {
            send(exchange, watch, 200, JSON, AnalysisJson.line(runList()));
        } else if (path.startsWith(RUNS_PREFIX) && path.endsWith("/analyses")) {
            analyses(exchange, watch, runId(path, "/analyses"));
        } else if (path.startsWith(RUNS_PREFIX) && path.endsWith("/events")) {
            String id = runId(path, "/events");
            Optional<LiveRuns.Run> run = live.get(id);
            if (run.isEmpty()) {
                throw new HttpProblem(404, "run " + id + " is not monitored by this process; its analyses are at"
                        + " /api/runs/" + id + "/analyses");
            }
            events.serve(exchange, run.get(), watch);
        } else {
            Optional<StaticAssets.Asset> asset = assets.get(path);
            if (asset.isEmpty()) {
                throw new HttpProblem(404, "no such resource: " + (path.length() > 140 ? path.substring(0, 140) + "…"
                        : path) + " (the page is at /, the metrics at /metrics, the runs at /api/runs)");
            }
            send(exchange, watch, 200, asset.get().type(), asset.get().bytes());
        }
    }

    /** @return the checked run id of {@code /api/runs/{id}{suffix}}; 400 when it is not one */
    private static String runId(String path, String suffix) throws HttpProblem {
        String id = path.length() < RUNS_PREFIX.length() + suffix.length() ? ""
                : path.substring(RUNS_PREFIX.length(), path.length() - suffix.length());
        RunsRoot.checkId(id);
        return id;
    }

    private void metrics(HttpExchange exchange, StalledClients.Watch watch) throws IOException {
        String accept = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")).orElse("");
        boolean openMetrics = accept.contains("application/openmetrics-text");
        String type = openMetrics ? OPENMETRICS : TEXT;
        send(exchange, watch, 200, type, registry.scrape(type));
        scrapes.scraped();
    }

    private ArrayNode runList() throws IOException, HttpProblem {
        ArrayNode list = AnalysisJson.JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (LiveRuns.Run run : live.all()) {
            ObjectNode o = list.addObject();
            o.put("run", run.id());
            o.put("mode", run.mode());
            o.put("state", run.state());
            o.put("analyses", run.count());
            seen.add(run.id());
        }
        for (RunsRoot.Recorded run : runs.recorded()) {
            if (seen.contains(run.id())) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("run", run.id());
            o.put("mode", "recorded");
            o.put("state", "finished");
            if (run.dir() == null) {
                o.put("problem", run.problem());
                continue;
            }
            try {
                RunManifest manifest = RunDirectory.at(run.dir()).readManifest();
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

    private void analyses(HttpExchange exchange, StalledClients.Watch watch, String id)
            throws IOException, HttpProblem {
        Optional<LiveRuns.Run> run = live.get(id);
        List<String> lines;
        if (run.isPresent()) {
            lines = run.get().analyses();
        } else {
            Path file = runs.file(runs.dir(id), id, ANALYSES);
            if (file == null) {
                throw new HttpProblem(404, "no analyses of run " + id + "; analyse it with spinmon replay");
            }
            AnalysesLog.Contents log = AnalysesLog.read(file);
            lines = log.lines();
            if (!log.skipped().isEmpty()) {
                exchange.getResponseHeaders().set(SKIPPED_HEADER, log.skipped().stream().map(String::valueOf)
                        .collect(Collectors.joining(",")));
            }
        }
        send(exchange, watch, 200, JSON, "[" + String.join(",", lines) + "]");
    }

    private static void error(HttpExchange exchange, StalledClients.Watch watch, int status, String message)
            throws IOException {
        ObjectNode o = AnalysisJson.JSON.createObjectNode();
        o.put("error", message);
        send(exchange, watch, status, JSON, AnalysisJson.line(o));
    }

    private static void send(HttpExchange exchange, StalledClients.Watch watch, int status, String type, String body)
            throws IOException {
        send(exchange, watch, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the response in chunks, so that the stall limit applies to each chunk, not to the whole body. */
    private static void send(HttpExchange exchange, StalledClients.Watch watch, int status, String type, byte[] bytes)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        watch.io(() -> exchange.sendResponseHeaders(status, head ? -1 : bytes.length));
        if (!head) {
            OutputStream out = exchange.getResponseBody();
            for (int from = 0; from < bytes.length; from += CHUNK) {
                int offset = from;
                watch.io(() -> out.write(bytes, offset, Math.min(CHUNK, bytes.length - offset)));
            }
        }
    }
}
