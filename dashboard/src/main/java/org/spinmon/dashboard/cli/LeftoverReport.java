package org.spinmon.dashboard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.spinmon.analyzer.files.IoProblems;
import org.spinmon.analyzer.run.Leftovers;

/**
 * Sweeps a runs directory for the temporary files of interrupted writes ({@link Leftovers#sweep}) and says, one
 * line each on standard error, what became of every one: removed (its writer has ended), or left alone with the
 * reason. A runs directory that cannot be searched is a warning, not a failure: the command goes on.
 */
final class LeftoverReport {

    private LeftoverReport() {
    }

    /** Sweeps {@code runs}, reporting on {@code err} as {@code who}. */
    static void sweep(Path runs, PrintWriter err, String who) {
        try {
            for (Leftovers.Leftover l : Leftovers.sweep(runs)) {
                err.println(who + ": " + line(l));
            }
        } catch (IOException e) {
            err.println(who + ": warning: cannot search " + runs + " for leftovers of interrupted writes: "
                    + IoProblems.describe(e));
        }
        err.flush();
    }

    private static String line(Leftovers.Leftover l) {
        String writer = l.writer().isPresent() ? "process " + l.writer().getAsLong() : "";
        return switch (l.outcome()) {
            case REMOVED -> "removed " + l.file() + ", left over from an interrupted write of " + writer
                    + ", which has ended";
            case WRITER_RUNNING -> "note: " + l.file() + " is being written by " + writer + ", which is still"
                    + " running; left alone";
            case WRITER_UNKNOWN -> "warning: " + l.file() + " is left over from an interrupted write of an older"
                    + " spinmon; ignored (safe to delete when no spinmon writes to that run)";
            case NOT_REMOVED -> "warning: cannot remove " + l.file() + ", left over from an interrupted write of "
                    + writer + ": " + l.detail();
            case UNREADABLE -> "warning: cannot search " + l.file() + " for leftovers of interrupted writes: "
                    + l.detail();
        };
    }
}
