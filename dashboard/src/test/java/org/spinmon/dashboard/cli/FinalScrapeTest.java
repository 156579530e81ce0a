package org.spinmon.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spinmon.dashboard.server.LiveRuns;
import org.spinmon.dashboard.server.MonitorServer;

/** The wait for a last scrape before a run's process exits, against a real server and real HTTP scrapes. */
class FinalScrapeTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private void scrape(MonitorServer server) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    @Test
    void nothingWaitsWhenNothingScraped() throws Exception {
        try (MonitorServer server = MonitorServer.start("127.0.0.1", 0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new LiveRuns(), null)) {
            http.send(HttpRequest.newBuilder(server.uri().resolve("api/runs")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(0, server.scrapes().count(), "only /metrics counts");
            assertEquals(Duration.ZERO, FinalScrape.bound(server.scrapes()));
            StringWriter err = new StringWriter();
            FinalScrape.await(server.scrapes(), new PrintWriter(err, true), "spinmon train");
            assertEquals("", err.toString());
        }
    }

    @Test
    void aScrapedRunWaitsForTheNextScrapeWithinTwiceTheLongestGap() throws Exception {
        try (MonitorServer server = MonitorServer.start("127.0.0.1", 0,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new LiveRuns(), null)) {
            scrape(server);
            assertEquals(FinalScrape.MAX, FinalScrape.bound(server.scrapes()), "one scrape shows no interval yet");
            scrape(server);
            assertEquals(FinalScrape.MIN, FinalScrape.bound(server.scrapes()), "two quick scrapes: the floor");
            StringWriter err = new StringWriter();
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    FinalScrape.await(server.scrapes(), new PrintWriter(err, true), "spinmon train");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            while (!err.toString().contains("waiting")) {
                Thread.sleep(5);
            }
            scrape(server);
            waiting.get(30, TimeUnit.SECONDS);
            assertEquals("spinmon train: waiting up to 1 s for the next scrape of /metrics, so that the final counts"
                    + " reach Prometheus\n", err.toString().replace(System.lineSeparator(), "\n"));

            StringWriter none = new StringWriter();
            long start = System.nanoTime();
            FinalScrape.await(server.scrapes(), new PrintWriter(none, true), "spinmon train");
            assertTrue(System.nanoTime() - start >= FinalScrape.MIN.toNanos(), "waited the whole bound");
            assertTrue(none.toString().endsWith("spinmon train: no scrape came; the final counts are in the summary"
                    + " above\n"), none.toString());
        }
    }
}
