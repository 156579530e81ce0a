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
 * Server-Sent Events of one monitored run, for the live page: first every analysis so far, then each new one
 * as it is published ({@code event: analysis}, the analysis JSON as data), the stream's health every
 * {@value #HEALTH_MILLIS} ms ({@code event: health}), and {@code event: end} once the run has ended. Each client
 * has its own bounded queue filled by the analysis thread without blocking, so a slow or stalled client never
 * slows the analysis or other clients; a client that falls {@value #QUEUE} analyses behind gets
 * {@code event: resync} and is closed (the page then reloads the analyses and reconnects).
 */
final class EventStream {

    static final int QUEUE = 1024;
    static final long HEALTH_MILLIS = 1000;

    private EventStream() {
    }

    static void serve(HttpExchange exchange, LiveRuns.Run run) throws IOException {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        AtomicBoolean overflow = new AtomicBoolean();
        Consumer<String> listener = line -> {
            if (!queue.offer(line)) {
                overflow.set(true);
            }
        };
        List<String> backlog = run.subscribe(listener);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String line : backlog) {
                send(out, "analysis", line);
            }
            send(out, "health", run.health());
            long nextHealth = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEALTH_MILLIS);
            while (true) {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    send(out, "analysis", line);
                }
                if (overflow.get()) {
                    send(out, "resync", "{}");
                    return;
                }
                if (System.nanoTime() > nextHealth) {
                    send(out, "health", run.health());
                    nextHealth = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEALTH_MILLIS);
                }
                if (line == null && queue.isEmpty() && !run.state().equals("running")) {
                    send(out, "health", run.health());
                    send(out, "end", "{\"state\":\"" + run.state() + "\"}");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            run.unsubscribe(listener);
        }
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
