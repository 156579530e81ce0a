package org.spinmon.analyzer.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact accounting of one snapshot stream (ecosystem.md §8). Every snapshot the producer emits is either
 * analysed or dropped by the hand-off, and, when recording is on, either written or counted as a write
 * failure. Once the stream has terminated:
 *
 * <pre>emitted = analyzed + dropped        emitted = written + writeFailures   (recording on)</pre>
 *
 * {@code analyzed} counts every snapshot the analyzer finished, successfully or not; {@code analysisFailures}
 * counts those among them whose analysis threw. {@code nonFinite} counts emitted snapshots holding NaN or
 * infinite weights; {@code fitFailures} counts the layers whose WeightWatcher power-law fit failed, summed over
 * the analyses. While the stream runs, snapshots in flight make the right-hand sides smaller. Counts only
 * grow; all methods are thread-safe.
 */
public final class StreamCounters {

    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong analyzed = new AtomicLong();
    private final AtomicLong analysisFailures = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong nonFinite = new AtomicLong();
    private final AtomicLong fitFailures = new AtomicLong();

    /** @return snapshots the producer emitted */
    public long emitted() {
        return emitted.get();
    }

    /** @return snapshots the hand-off dropped because the analyzer was behind */
    public long dropped() {
        return dropped.get();
    }

    /** @return snapshots the analyzer finished, including failed analyses */
    public long analyzed() {
        return analyzed.get();
    }

    /** @return analyses that threw (each reported in its outcome) */
    public long analysisFailures() {
        return analysisFailures.get();
    }

    /** @return snapshots written to disk */
    public long written() {
        return written.get();
    }

    /** @return snapshots whose file could not be written */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** @return emitted snapshots with NaN or infinite weights or biases */
    public long nonFinite() {
        return nonFinite.get();
    }

    /** @return layers whose power-law fit failed (alpha = −1), summed over the analyses */
    public long fitFailures() {
        return fitFailures.get();
    }

    void emit(boolean finite) {
        emitted.incrementAndGet();
        if (!finite) {
            nonFinite.incrementAndGet();
        }
    }

    void drop() {
        dropped.incrementAndGet();
    }

    void analysisDone(boolean failed, int failedFits) {
        if (failed) {
            analysisFailures.incrementAndGet();
        }
        fitFailures.addAndGet(failedFits);
        analyzed.incrementAndGet();
    }

    void writeDone(boolean failed) {
        (failed ? writeFailures : written).incrementAndGet();
    }
}
