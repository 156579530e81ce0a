package org.spinmon.dashboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event stream's limits and resumption: a client beyond the limit, one too far behind, one reconnecting. */
class EventStreamTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LiveRuns live = new LiveRuns();
    private final List<Socket> sockets = new ArrayList<>();
    private MonitorServer server;

    @BeforeEach
    void start() throws IOException {
        server = MonitorServer.start("127.0.0.1", 0, registry, live, null, new ClientLimits(2, 4, Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
    }

    private String events(String run, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET /api/runs/" + run + "/events HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        return RawHttp.send(server.uri(), request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1)).body();
    }

    private static List<String> ids(String stream) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("id: (\\d+)\nevent: analysis\ndata: \\{\"step\":(\\d+)}").matcher(stream);
        while (m.find()) {
            assertEquals(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + 1, "id n is the n-th analysis");
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsOnlyTheAnalysesAfterIt() throws IOException {
        LiveRuns.Run run = live.start("r1", "live");
        for (int i = 0; i < 5; i++) {
            run.add("{\"step\":" + i + "}");
        }
        run.end(false);
        assertEquals(List.of("1", "2", "3", "4", "5"), ids(events("r1")));
        assertEquals(List.of("4", "5"), ids(events("r1", "Last-Event-ID: 3")));
        assertEquals(List.of(), ids(events("r1", "Last-Event-ID: 99")));
        assertEquals(List.of("1", "2", "3", "4", "5"), ids(events("r1", "Last-Event-ID: -1")), "not a number: all");
        assertTrue(events("r1", "Last-Event-ID: 5").endsWith("event: end\ndata: {\"state\":\"finished\"}\n\n"));
    }

    @Test
    void aStreamBeyondTheLimitGets503AndIsCounted() throws Exception {
        live.start("r1", "live").add("{\"step\":0}");
        for (int i = 0; i < 2; i++) {
            Socket s = RawHttp.connect(server.uri(), 0);
            sockets.add(s);
            s.getOutputStream().write("GET /api/runs/r1/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (registry.get("spinmon.http.event.clients").gauge().value() < 2) {
            assertTrue(System.nanoTime() < deadline, "two streams open");
            Thread.sleep(10);
        }
        RawHttp.Response refused = RawHttp.request(server.uri(), "GET", "/api/runs/r1/events");
        assertEquals(503, refused.status());
        assertEquals("10", refused.headers().get("retry-after"));
        assertEquals("{\"error\":\"2 event streams are open, the most this server allows; retry later\"}",
                refused.body());
        assertEquals(1, registry.get("spinmon.http.event.clients.refused").counter().count());
        assertEquals(200, RawHttp.request(server.uri(), "GET", "/metrics").status(), "other requests go on");
    }

    @Test
    void aClientTooFarBehindIsToldToResyncAndCounted() throws Exception {
        LiveRuns.Run run = live.start("r1", "live");
        Socket slow = RawHttp.connect(server.uri(), 0);
        sockets.add(slow);
        slow.getOutputStream().write(("GET /api/runs/r1/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (registry.get("spinmon.http.event.clients").gauge().value() < 1) {
            assertTrue(System.nanoTime() < deadline, "the stream is open");
            Thread.sleep(10);
        }
        // 4 analyses fit in the client's queue; 20,000 at once, far faster than one write each, do not.
        for (int i = 0; i < 20_000; i++) {
            run.add("{\"step\":" + i + "}");
        }
        slow.setSoTimeout(10_000);
        String stream = new String(slow.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(stream.contains("event: resync\n"), "told to resync");
        assertEquals(1, registry.get("spinmon.http.clients.dropped").tag("reason", "behind").counter().count());
        assertEquals(0, registry.get("spinmon.http.event.clients").gauge().value());
    }
}
