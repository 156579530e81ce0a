package org.spinmon.dashboard.server;

import java.time.Duration;

/**
 * The scrapes of {@code /metrics} a server has answered, so that a process about to exit can tell whether
 * something (Prometheus) is watching it and wait for its next scrape: a run that ends with a divergence or a
 * write failure otherwise exits before any scrape sees the final counters, and no alert can fire on them.
 * Thread-safe.
 */
public final class Scrapes {

    private long count;
    private long lastNanos;
    private long longestGapNanos;

    /** Records a scrape answered now. */
    synchronized void scraped() {
        long now = System.nanoTime();
        if (count > 0) {
            longestGapNanos = Math.max(longestGapNanos, now - lastNanos);
        }
        lastNanos = now;
        count++;
        notifyAll();
    }

    /** @return scrapes answered so far */
    public synchronized long count() {
        return count;
    }

    /** @return the longest time between two consecutive scrapes, zero before the second */
    public synchronized Duration longestGap() {
        return Duration.ofNanos(longestGapNanos);
    }

    /** @return whether another scrape was answered within {@code max} from now */
    public synchronized boolean awaitNext(Duration max) throws InterruptedException {
        long seen = count;
        long deadline = System.nanoTime() + max.toNanos();
        while (count == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
