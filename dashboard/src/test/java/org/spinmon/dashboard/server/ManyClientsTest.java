package org.spinmon.dashboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinmon.analyzer.analysis.SnapshotAnalyzer;
import org.spinmon.analyzer.snapshot.Layer;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.spin.SpinModelConfig;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.OverflowPolicy;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.analyzer.stream.StreamSettings;
import org.spinmon.dashboard.json.AnalysisJson;
import org.spinmon.dashboard.monitor.Monitor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Many live-page clients, a stalled one and half requests against a real analysis stream (RELIABILITY.md, "HTTP"):
 * {@value #DEFAULT_CLIENTS} clients (system property {@code http.clients}) each fetch the run list and the analyses
 * as the page does and follow the event stream, while a client that never reads, one whose backlog (6.4 MB) fills
 * its TCP window at once, one that sends half a request line and headers, and one that announces a request body and
 * never sends it are connected. The bounds on time are liveness checks (generous), not benchmarks; the figures go
 * to {@code dashboard/target/http/clients-report.md}.
 */
class ManyClientsTest {

    static final int DEFAULT_CLIENTS = 100;
    private static final int CLIENTS = Integer.getInteger("http.clients", DEFAULT_CLIENTS);
    private static final int STEPS = 40;
    private static final ClientLimits LIMITS = new ClientLimits(CLIENTS + 16, 1024, Duration.ofSeconds(5));
    private static final Duration LIVENESS = Duration.ofSeconds(5);
    private static final Path REPORT = Path.of("target", "http", "clients-report.md");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LiveRuns live = new LiveRuns();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private MonitorServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = MonitorServer.start("127.0.0.1", 0, registry, live, null, LIMITS);
        base = server.uri();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    @Test
    void manyClientsAStalledOneAndHalfRequestsHoldUpNeitherTheServerNorTheAnalysis() throws Exception {
        assertEquals(String.valueOf(MonitorServer.MAX_REQUEST_SECONDS), System.getProperty("sun.net.httpserver.maxReqTime"),
                "set before the JDK server first loaded");
        LiveRuns.Run bulk = live.start("bulk", "replay");
        String pad = "x".repeat(64 * 1024);
        for (int i = 0; i < 100; i++) {
            bulk.add("{\"step\":" + i + ",\"pad\":\"" + pad + "\"}");
        }
        bulk.end(false);
        CountDownLatch gate = new CountDownLatch(1);
        Monitor monitor = Monitor.builder("live1", "live", new SnapshotAnalyzer(SpinModelConfig.builder().taus()
                        .nScan(20).build()), registry, live)
                .settings(new StreamSettings(4, 1, OverflowPolicy.BLOCK)).build();
        Flux<Snapshot> snapshots = Flux.concat(Flux.range(0, 5).map(ManyClientsTest::snapshot),
                        Mono.fromRunnable(() -> awaitQuietly(gate)).thenMany(Flux.range(5, STEPS - 5)
                                .map(ManyClientsTest::snapshot)))
                .subscribeOn(Schedulers.boundedElastic());
        Future<List<AnalysisOutcome>> analysis = monitor.apply(snapshots).collectList().toFuture();
        await(() -> live.get("live1").isPresent(), Duration.ofSeconds(30), "the run starts");

        List<Long> idleMillis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            idleMillis.add(scrape());
            Thread.sleep(50);
        }
        Socket stalledBulk = rawClient(4096, "GET /api/runs/bulk/events HTTP/1.1\r\nHost: x\r\n\r\n");
        Socket stalledLive = rawClient(4096, "GET /api/runs/live1/events HTTP/1.1\r\nHost: x\r\n\r\n");
        Socket halfHeaders = rawClient(0, "GET /metrics HTTP/1.1\r\nHost: x\r\n");
        Socket halfBody = rawClient(0, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
        long halfHeadersSent = System.nanoTime();
        Future<Long> halfHeadersClosed = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "half-request-watch");
            t.setDaemon(true);
            return t;
        }).submit(() -> closedWithin(halfHeaders, Duration.ofSeconds(MonitorServer.MAX_REQUEST_SECONDS + 10))
                ? System.nanoTime() : -1L);

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch following = new CountDownLatch(CLIENTS);
        List<Future<List<Long>>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> page(following)));
        }
        assertTrue(following.await(60, TimeUnit.SECONDS), "every client follows the stream");
        gate.countDown();

        List<Long> scrapeMillis = new ArrayList<>();
        while (!analysis.isDone()) {
            scrapeMillis.add(scrape());
            Thread.sleep(50);
        }
        scrapeMillis.add(scrape());
        List<AnalysisOutcome> outcomes = analysis.get(60, TimeUnit.SECONDS);
        StreamCounters counters = monitor.counters();
        assertEquals(STEPS, outcomes.size());
        assertEquals(STEPS, counters.emitted());
        assertEquals(STEPS, counters.analyzed(), "nothing dropped, every snapshot analysed");

        List<Long> published = live.get("live1").orElseThrow().analyses().stream()
                .map(line -> step(line)).toList();
        assertEquals(STEPS, published.size());
        for (Future<List<Long>> client : clients) {
            assertEquals(published, client.get(60, TimeUnit.SECONDS), "every event, once, in order");
        }
        pool.shutdown();

        await(() -> dropped("stalled") >= 2, Duration.ofSeconds(15), "the stalled clients are dropped");
        assertEquals(2, dropped("stalled"), "the bulk stream's client and the body never sent, no healthy client");
        assertEquals(0, dropped("behind"));
        RawHttp.Response refused = readUntilClosed(halfBody, Duration.ofSeconds(15));
        assertEquals(405, refused.status(), "answered, then dropped when its body never came");
        long closedAt = halfHeadersClosed.get(MonitorServer.MAX_REQUEST_SECONDS + 20, TimeUnit.SECONDS);
        assertTrue(closedAt > 0, "half a request is closed by the JDK server after sun.net.httpserver.maxReqTime");
        double halfHeadersSeconds = (closedAt - halfHeadersSent) / 1e9;
        await(() -> eventClients() == 0, Duration.ofSeconds(15), "every event stream ends");
        assertTrue(stalledLive.isConnected() && stalledBulk.isConnected(), "the clients never closed their side");

        Collections.sort(idleMillis);
        Collections.sort(scrapeMillis);
        report(idleMillis, scrapeMillis, halfHeadersSeconds);
    }

    @Test
    void anOpenEventStreamCostsOneThreadAndLittleHeap() throws Exception {
        LiveRuns.Run quiet = live.start("quiet", "live");
        quiet.add("{\"step\":0}");
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = usedHeap();
        long rssBefore = rss();
        for (int c = 0; c < CLIENTS; c++) {
            rawClient(0, "GET /api/runs/quiet/events HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        await(() -> eventClients() == CLIENTS, Duration.ofSeconds(60), "every stream open");
        long heapPerClient = (usedHeap() - heapBefore) / CLIENTS;
        long rssPerClient = (rss() - rssBefore) / CLIENTS;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
        long streaming = Thread.getAllStackTraces().values().stream().filter(stack -> Stream.of(stack)
                .anyMatch(f -> f.getClassName().equals(EventStream.class.getName()))).count();
        assertEquals(CLIENTS, streaming, "a server thread per open stream");
        assertTrue(heapPerClient < 256 * 1024, "heap per open stream: " + heapPerClient + " bytes");
        quiet.end(false);
        await(() -> eventClients() == 0, Duration.ofSeconds(30), "every stream ends with its run");
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT.resolveSibling("stream-cost.md"), String.format("%d open event streams (clients that"
                        + " do not read, in the same JVM): %d threads in EventStream (%d more in the JVM), heap +%.1f KiB and RSS +%.1f KiB per stream"
                        + " (client sockets included); load average %.2f%n", CLIENTS, streaming, threads,
                heapPerClient / 1024.0, rssPerClient / 1024.0,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    /** What the live page does: the run list, the analyses so far, then the event stream; returns the steps. */
    private List<Long> page(CountDownLatch following) throws Exception {
        HttpResponse<String> runs = get("api/runs");
        assertEquals(200, runs.statusCode());
        assertTrue(runs.body().contains("\"run\":\"live1\""), runs.body());
        HttpResponse<String> analyses = get("api/runs/live1/analyses");
        assertEquals(200, analyses.statusCode());
        assertTrue(AnalysisJson.JSON.readTree(analyses.body()).isArray());
        HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(base.resolve("api/runs/live1/events"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, events.statusCode());
        List<Long> steps = new ArrayList<>();
        boolean counted = false;
        try (Stream<String> lines = events.body()) {
            Iterator<String> it = lines.iterator();
            String event = "";
            long lastId = 0;
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("id: ")) {
                    long id = Long.parseLong(line.substring(4));
                    assertEquals(lastId + 1, id, "ids count the analyses");
                    lastId = id;
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                    if (event.equals("end")) {
                        break;
                    }
                } else if (line.startsWith("data: ") && event.equals("analysis")) {
                    steps.add(step(line.substring(6)));
                } else if (line.startsWith("data: ") && event.equals("health") && !counted) {
                    following.countDown();
                    counted = true;
                }
            }
        }
        assertEquals(STEPS, AnalysisJson.JSON.readTree(get("api/runs/live1/analyses").body()).size());
        return steps;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the milliseconds {@code /metrics} took; fails past the liveness bound */
    private long scrape() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> metrics = http.sendAsync(HttpRequest.newBuilder(base.resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).get(LIVENESS.toMillis(), TimeUnit.MILLISECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("spinmon_http_event_clients"), "the client counts are exposed");
        return millis;
    }

    private Socket rawClient(int receiveBuffer, String request) throws IOException {
        Socket socket = RawHttp.connect(base, receiveBuffer);
        sockets.add(socket);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    private double dropped(String reason) {
        return registry.get("spinmon.http.clients.dropped").tag("reason", reason).counter().count();
    }

    private double eventClients() {
        return registry.get("spinmon.http.event.clients").gauge().value();
    }

    private static RawHttp.Response readUntilClosed(Socket socket, Duration max) throws IOException {
        socket.setSoTimeout((int) max.toMillis());
        byte[] all = socket.getInputStream().readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return new RawHttp.Response(Integer.parseInt(text.substring(9, 12)), java.util.Map.of(),
                end < 0 ? "" : text.substring(end + 4));
    }

    /** @return whether the server closed {@code socket} (end of stream or reset) within {@code max} */
    private static boolean closedWithin(Socket socket, Duration max) throws IOException {
        socket.setSoTimeout((int) max.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // a response to half a request would be a failure of its own: read on to the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    private static long step(String json) {
        try {
            return AnalysisJson.JSON.readTree(json).get("step").asLong();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static Snapshot snapshot(int step) {
        SplittableRandom random = new SplittableRandom(step);
        int[] widths = {64, 32, 10};
        List<Layer> layers = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            double[] w = new double[widths[k - 1] * widths[k]];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (0.2 * (random.nextDouble() - 0.5));
            }
            layers.add(Layer.of("dense_" + (k - 1), k == widths.length - 1 ? "softmax" : "relu", widths[k - 1],
                    widths[k], w));
        }
        return new Snapshot("live1", step, step / 10.0, 1.0, 0.5, Instant.EPOCH.plusSeconds(step), layers);
    }

    private static void awaitQuietly(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within " + max);
            Thread.sleep(20);
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static void report(List<Long> idleMillis, List<Long> scrapeMillis, double halfHeadersSeconds)
            throws IOException {
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, String.format("/metrics without clients: median %d ms, max %d ms (%d scrapes);"
                        + " %d clients following %d analyses, 1 stalled on a 6.4 MB backlog, 1 silent on the live run,"
                        + " 2 half requests: %d scrapes of /metrics during the analysis, median %d ms, max %d ms; half"
                        + " request line closed after %.1f s; load average %.2f%n",
                idleMillis.get(idleMillis.size() / 2), idleMillis.get(idleMillis.size() - 1), idleMillis.size(),
                CLIENTS, STEPS, scrapeMillis.size(), scrapeMillis.get(scrapeMillis.size() / 2),
                scrapeMillis.get(scrapeMillis.size() - 1), halfHeadersSeconds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }
}
