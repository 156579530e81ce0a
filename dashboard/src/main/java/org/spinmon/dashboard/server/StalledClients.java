package org.spinmon.dashboard.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes the connections of clients that stop taking or sending bytes. Every step of an exchange that blocks on its
 * client (writing the response, and at its close, reading the rest of a request body the client announced) runs
 * through {@link Watch#io}; a timer looks at every watched step each quarter of the stall limit (100 ms to 1 s) and
 * interrupts the thread of one blocked longer than the limit. The JDK server's connections are blocking
 * {@code SocketChannel}s, which are interruptible: the interrupt closes the connection and the step fails with
 * {@code ClosedByInterruptException}. Each such drop is counted ({@link ClientCounters}). The request line and
 * headers are read by the JDK before any handler runs; their time is bounded by {@code sun.net.httpserver.maxReqTime}
 * ({@link MonitorServer}).
 */
final class StalledClients implements AutoCloseable {

    /** A blocking step of an exchange. */
    interface Io {
        void run() throws IOException;
    }

    private final long stallNanos;
    private final Runnable onDrop;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spinmon-http-stalls");
        t.setDaemon(true);
        return t;
    });

    /** Starts the timer; {@code onDrop} runs once for each client dropped. */
    StalledClients(Duration stall, Runnable onDrop) {
        this.stallNanos = stall.toNanos();
        this.onDrop = onDrop;
        long period = Math.max(100, Math.min(1000, stall.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** @return a watch over the exchange the calling thread serves; close it when the exchange is over */
    Watch watch() {
        Watch w = new Watch(Thread.currentThread());
        watches.add(w);
        return w;
    }

    private void check() {
        long now = System.nanoTime();
        for (Watch w : watches) {
            w.dropIfStalled(now);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The watch over one exchange, on the thread that serves it. */
    final class Watch implements AutoCloseable {

        private final Thread thread;
        private boolean blocked;
        private long since;
        private boolean dropped;
        private boolean closed;

        private Watch(Thread thread) {
            this.thread = thread;
        }

        /** Runs {@code step}; if it blocks longer than the stall limit, the connection is closed under it. */
        void io(Io step) throws IOException {
            synchronized (this) {
                blocked = true;
                since = System.nanoTime();
            }
            try {
                step.run();
            } finally {
                synchronized (this) {
                    blocked = false;
                }
            }
        }

        /** @return whether this exchange's client was dropped for a stall */
        synchronized boolean dropped() {
            return dropped;
        }

        private synchronized void dropIfStalled(long now) {
            if (!closed && blocked && !dropped && now - since > stallNanos) {
                dropped = true;
                thread.interrupt();
                onDrop.run();
            }
        }

        /** Ends the watch; an interrupt it made does not outlive the exchange (the thread serves others next). */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            watches.remove(this);
            if (dropped()) {
                Thread.interrupted();
            }
        }
    }
}
