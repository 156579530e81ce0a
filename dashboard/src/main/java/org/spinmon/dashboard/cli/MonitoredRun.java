package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Snapshot;
import org.spinmon.analyzer.stream.AnalysisOutcome;
import org.spinmon.analyzer.stream.StreamCounters;
import org.spinmon.dashboard.monitor.Monitor;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Runs a monitored stream to its end from a command: reports failed analyses as they come, stops cleanly on
 * Ctrl-C (the producer is cancelled, the snapshots already handed to the writer are written before the JVM
 * exits, at most {@value #DRAIN_SECONDS} s), and prints the summary and accounting at the end.
 */
final class MonitoredRun {

    static final int DRAIN_SECONDS = 30;

    private final Monitor monitor;
    private final Flux<Snapshot> snapshots;
    private final RunStatus status;
    private final Consumer<AnalysisOutcome> each;

    MonitoredRun(Monitor monitor, Flux<Snapshot> snapshots, RunStatus status, Consumer<AnalysisOutcome> each) {
        this.monitor = monitor;
        this.snapshots = snapshots;
        this.status = status;
        this.each = each;
    }

    /**
     * @param out where the summary goes
     * @return the exit status: 0 when everything went through, 1 on a failure of the run, an analysis or a write
     */
    int await(PrintWriter out, PrintWriter err, String who) throws InterruptedException {
        StreamCounters counters = monitor.counters();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<AnalysisOutcome> last = new AtomicReference<>();
        List<String> failures = new ArrayList<>();
        Disposable subscription = monitor.apply(snapshots).subscribe(o -> {
            last.set(o);
            status.clear();
            each.accept(o);
            if (o.error() != null) {
                synchronized (failures) {
                    failures.add("step " + o.step() + ": " + o.error());
                }
                err.println(who + ": the analysis of step " + o.step() + " failed: " + o.error());
            }
            status.outcome(o, counters);
        }, e -> {
            error.set(e);
            done.countDown();
        }, done::countDown);
        Thread hook = new Thread(() -> {
            subscription.dispose();
            drain(counters);
            status.finish();
            err.println(who + ": stopped; " + counters.written() + " snapshot files written, each one complete");
            err.flush();
        }, "spinmon-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        done.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 1;
        }
        status.finish();
        summary(out, counters, last.get());
        long logFailures = monitor.logFailures();
        if (logFailures > 0) {
            err.println(who + ": " + logFailures + " analyses could not be appended to the run's analyses.jsonl"
                    + " (they are missing from it; replay the run to recompute them)");
        }
        if (error.get() != null) {
            err.println(who + ": " + message(error.get()));
            return 1;
        }
        return failures.isEmpty() && counters.writeFailures() == 0 && logFailures == 0 ? 0 : 1;
    }

    private static void drain(StreamCounters counters) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (counters.written() + counters.writeFailures() < counters.emitted() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void summary(PrintWriter out, StreamCounters c, AnalysisOutcome last) {
        out.printf(Locale.ROOT, "snapshots: %d emitted, %d analysed, %d dropped, %d written, %d write failures,"
                        + " %d analysis failures, %d non-finite%n", c.emitted(), c.analyzed(), c.dropped(), c.written(),
                c.writeFailures(), c.analysisFailures(), c.nonFinite());
        if (last != null && last.analysis() != null) {
            out.printf(Locale.ROOT, "last analysis: step %d, tc_melt %.6g, T_SG %.6g, phase %s%n", last.step(),
                    last.analysis().tcMelt(), last.analysis().tSg(),
                    last.analysis().phase() == null ? "undefined" : last.analysis().phase().label());
            PowerLaw p = last.powerLaw();
            out.println(p.reason() != null ? "T_c(t) power law: undefined (" + p.reason() + ")"
                    : String.format(Locale.ROOT, "T_c(t) power law: exponent %.4f, 95%% CI [%.4f, %.4f], R² %.4f,"
                    + " steps %d..%d", p.exponent(), p.ciLow(), p.ciHigh(), p.r2(), p.firstStep(), p.lastStep()));
        }
        out.flush();
    }

    /** Blocks until the process is interrupted (Ctrl-C runs the shutdown hooks and exits). */
    static void holdUntilInterrupted() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
