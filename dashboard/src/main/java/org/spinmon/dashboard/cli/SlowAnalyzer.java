package org.spinmon.dashboard.cli;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The analyzer made slow on purpose, for {@code spinmon bench --training --slow-analyzer F}: a scheduler for the
 * analysis stream ({@code Monitor.Builder#scheduler}) of {@code threads} threads named {@value #THREAD_NAME}, on
 * which every task first sleeps {@code delay} and then runs. The stream's tasks there are its analyses (each runs
 * the real analysis and publishes its outcome), so every analysis takes {@code delay} plus its own time, and the
 * stream measures it so ({@code AnalysisOutcome#seconds}).
 *
 * <p>The delay is a sleep on the analyzer thread, not a busy wait: on a machine of 2 cores a spinning analyzer
 * would take the core that training's other threads (DL4J's data prefetch, the garbage collector, the snapshot
 * writer) use, and so would measure the cost of burning a core, not that of an analyzer that is slow. Close it
 * (after the stream has ended) to end its threads.
 */
final class SlowAnalyzer implements AutoCloseable {

    /** The name of the slow analyzer's threads. */
    static final String THREAD_NAME = "spinmon-slow-analyzer";

    private final Duration delay;
    private final ExecutorService executor;
    private final Scheduler scheduler;

    /**
     * @param delay   added before each analysis, ≥ 0
     * @param threads analyses that may run at once, ≥ 1 (the stream's concurrency)
     */
    SlowAnalyzer(Duration delay, int threads) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.delay = delay;
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, THREAD_NAME + "-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = Schedulers.fromExecutor(task -> executor.execute(() -> {
            sleep();
            task.run();
        }));
    }

    /** @return the scheduler to run the analyses on */
    Scheduler scheduler() {
        return scheduler;
    }

    /** @return the delay added before each analysis */
    Duration delay() {
        return delay;
    }

    private void sleep() {
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        scheduler.dispose();
        executor.shutdownNow();
    }
}
