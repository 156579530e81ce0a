package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar redrawn in place ({@code \r}) on standard error; silent when disabled. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private int done;
    private int shown;

    ProgressBar(PrintWriter err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    /** Redraws the bar with a status text. */
    void show(String status) {
        if (!enabled) {
            return;
        }
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d  %.0fs  %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, (System.nanoTime() - start) / 1e9, status);
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Sets the count of items done and redraws. */
    void update(int done, String status) {
        this.done = done;
        show(status);
    }

    /** Counts one item done. */
    void advance(String status) {
        done++;
        show(status);
    }

    /** Erases the bar so that other output can be printed cleanly. */
    void clear() {
        if (enabled && shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    /** Ends the bar's line. */
    void finish() {
        if (enabled && shown > 0) {
            err.println();
            err.flush();
        }
    }
}
