package org.spinmon.dashboard.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Server-Sent Events of the monitored runs, for the live page: first every analysis so far, then each new one as
 * it is published ({@code event: analysis}, the analysis JSON as data, {@code id:} its number from 1), the stream's
 * health every {@value #HEALTH_MILLIS} ms ({@code event: health}), and {@code event: end} once the run has ended. A
 * client that reconnects with {@code Last-Event-ID: n} (as a browser's {@code EventSource} does) gets the analyses
 * after the n-th only.
 *
 * <p>Each client has its own queue of {@link ClientLimits#eventQueue()} analyses, filled by the analysis thread
 * without blocking, so a slow or stalled client never slows the analysis or the other clients. A client that falls
 * that far behind gets {@code event: resync} and is closed (the page then reloads the analyses and reconnects); one
 * whose writes block longer than {@link ClientLimits#stall()} is closed ({@link StalledClients}); at most
 * {@link ClientLimits#eventClients()} streams are open at once, one more gets 503. Each is counted
 * ({@link ClientCounters}).
 */
final class EventStream {

    static final long HEALTH_MILLIS = 1000;

    private final ClientLimits limits;
    private final ClientCounters counters;

    EventStream(ClientLimits limits, ClientCounters counters) {
        this.limits = limits;
        this.counters = counters;
    }

    /** Streams {@code run} to the client of {@code exchange} until the run ends or the client goes. */
    void serve(HttpExchange exchange, LiveRuns.Run run, StalledClients.Watch watch) throws IOException, HttpProblem {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) {
            watch.io(() -> exchange.sendResponseHeaders(200, -1));
            return;
        }
        if (counters.eventClients.incrementAndGet() > limits.eventClients()) {
            counters.eventClients.decrementAndGet();
            counters.refused.increment();
            exchange.getResponseHeaders().set("Retry-After", "10");
            throw new HttpProblem(503, limits.eventClients() + " event streams are open, the most this server"
                    + " allows; retry later");
        }
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(limits.eventQueue());
        AtomicBoolean overflow = new AtomicBoolean();
        Consumer<String> listener = line -> {
            if (!queue.offer(line)) {
                overflow.set(true);
            }
        };
        List<String> backlog = run.subscribe(listener);
        try {
            watch.io(() -> exchange.sendResponseHeaders(200, 0));
            OutputStream out = exchange.getResponseBody();
            long number = seen(exchange, backlog.size());
            for (String line : backlog.subList((int) number, backlog.size())) {
                send(watch, out, "analysis", ++number, line);
            }
            send(watch, out, "health", 0, run.health());
            long nextHealth = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEALTH_MILLIS);
            while (true) {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    send(watch, out, "analysis", ++number, line);
                }
                if (overflow.get()) {
                    counters.behind.increment();
                    send(watch, out, "resync", 0, "{}");
                    return;
                }
                if (System.nanoTime() > nextHealth) {
                    send(watch, out, "health", 0, run.health());
                    nextHealth = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEALTH_MILLIS);
                }
                if (line == null && queue.isEmpty() && !run.state().equals("running")) {
                    send(watch, out, "health", 0, run.health());
                    send(watch, out, "end", 0, "{\"state\":\"" + run.state() + "\"}");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            run.unsubscribe(listener);
            counters.eventClients.decrementAndGet();
        }
    }

    /** @return the analyses the client has already seen: its {@code Last-Event-ID}, at most {@code available} */
    private static long seen(HttpExchange exchange, int available) {
        String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if (last == null || !last.matches("[0-9]{1,9}")) {
            return 0;
        }
        return Math.min(Long.parseLong(last), available);
    }

    private static void send(StalledClients.Watch watch, OutputStream out, String event, long id, String data)
            throws IOException {
        byte[] bytes = ((id > 0 ? "id: " + id + "\n" : "") + "event: " + event + "\ndata: " + data + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        watch.io(() -> {
            out.write(bytes);
            out.flush();
        });
    }
}
