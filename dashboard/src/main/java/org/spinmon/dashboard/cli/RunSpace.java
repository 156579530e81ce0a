package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.spinmon.trainer.train.TrainingConfig;

/**
 * What a recorded {@code spinmon train} run writes, checked against the free space of its runs directory before
 * anything is written, so that a full disk is an error at the start rather than a run whose record stops
 * half-way. The estimate counts the snapshot files (every scheduled step, float32 weights and biases of every
 * replica, plus {@value #HEADER_ALLOWANCE} bytes of header each) and the probe batch; {@code analyses.jsonl}
 * (tens of kB per analysis) is not counted, so the check refuses only runs that cannot fit.
 */
final class RunSpace {

    /** Bytes allowed for a safetensors header; the real headers are below 1 kB for the widths spinmon trains. */
    static final long HEADER_ALLOWANCE = 4096;

    private RunSpace() {
    }

    /** @return bytes the run's snapshot files and probe batch take */
    static long needed(TrainingConfig config) {
        List<Integer> w = config.network().widths();
        long parameters = 0;
        for (int k = 0; k + 1 < w.size(); k++) {
            parameters += (long) w.get(k) * w.get(k + 1) + (config.network().bias() ? w.get(k + 1) : 0);
        }
        long snapshot = Float.BYTES * parameters * config.replicas() + HEADER_ALLOWANCE;
        long snapshots = config.schedule().steps().count();
        long probe = config.probe().enabled()
                ? (long) Float.BYTES * config.probe().size() * (w.get(0) + 1) + HEADER_ALLOWANCE : 0;
        double total = (double) snapshot * snapshots + probe;
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /**
     * @param runs where the run directory will be created (it may not exist yet: the nearest existing parent's
     *             file store is asked)
     * @throws IOException saying how much the run needs and how much is free, and what to do, when it does not fit
     */
    static void check(Path runs, TrainingConfig config) throws IOException {
        Path existing = runs.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        long needed = needed(config);
        if (needed > free) {
            throw new IOException(String.format(Locale.ROOT, "not enough space for the run's record under %s: its"
                    + " %d snapshots and probe batch need %s, the file system has %s free; free space, choose"
                    + " another --runs, snapshot less often (--stride), or train with --no-record", runs,
                    config.schedule().steps().count(), size(needed), size(free)));
        }
    }

    private static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
