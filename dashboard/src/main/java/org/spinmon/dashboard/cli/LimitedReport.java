package org.spinmon.dashboard.cli;

import java.io.PrintWriter;

/**
 * Reports repeated failures of one kind on standard error without flooding it: the first {@code limit} each get
 * their line, then one line says that the rest are only counted (a full disk fails every snapshot of the run;
 * the final accounting and the metrics carry the total). Thread-safe.
 */
final class LimitedReport {

    private final PrintWriter err;
    private final int limit;
    private final String afterLimit;
    private int reported;

    /**
     * @param limit      lines reported in full, ≥ 1
     * @param afterLimit the line that replaces the rest, said once
     */
    LimitedReport(PrintWriter err, int limit, String afterLimit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        this.err = err;
        this.limit = limit;
        this.afterLimit = afterLimit;
    }

    /** Prints {@code line}, or the after-limit line once the limit is reached, or nothing after that. */
    synchronized void report(String line) {
        if (reported < limit) {
            err.println(line);
        } else if (reported == limit) {
            err.println(afterLimit);
        }
        if (reported <= limit) {
            reported++;
        }
        err.flush();
    }
}
