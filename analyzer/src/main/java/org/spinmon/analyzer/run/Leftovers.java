package org.spinmon.analyzer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.spinmon.analyzer.files.AtomicFiles;
import org.spinmon.analyzer.files.IoProblems;

/**
 * Temporary files of interrupted atomic writes ({@link AtomicFiles}) in the run directories under a runs
 * directory. A process killed while it writes a file (kill -9, a crash, the machine going down) leaves its
 * temporary file behind; the file under its final name is either the old one or absent, never partial. The
 * temporary file's name carries its writer's process id, so that a leftover of a process that has ended can be
 * removed without touching the write in progress of a run that is still going on.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /** What became of a temporary file found by {@link #sweep}. */
    public enum Outcome {
        /** Its writer has ended: the file was a leftover and is deleted. */
        REMOVED,
        /** Its writer is still running (a write in progress): left alone. */
        WRITER_RUNNING,
        /** Its name does not say which process wrote it (an older spinmon): left alone. */
        WRITER_UNKNOWN,
        /** Its writer has ended but the file could not be deleted; {@code detail} says why. */
        NOT_REMOVED,
        /** {@code file} is a directory that could not be listed; {@code detail} says why. */
        UNREADABLE
    }

    /**
     * A temporary file found by {@link #sweep} (or a directory that could not be searched).
     *
     * @param file    the file (or directory)
     * @param writer  the process that wrote it, when its name says
     * @param outcome what was done
     * @param detail  the reason of a failure, empty otherwise
     */
    public record Leftover(Path file, OptionalLong writer, Outcome outcome, String detail) {
    }

    /**
     * Finds the temporary files in every directory {@code <runs>/<run>/} and {@code <runs>/<run>/snapshots/},
     * deletes those whose writer has ended and reports each one.
     *
     * @return every temporary file found, in path order; empty when {@code runs} does not exist
     * @throws IOException when {@code runs} itself cannot be listed
     */
    public static List<Leftover> sweep(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Leftover> found = new ArrayList<>();
        for (Path run : RunDirectory.entries(runs)) {
            if (!Files.isDirectory(run)) {
                continue;
            }
            for (Path dir : List.of(run, run.resolve(RunDirectory.SNAPSHOTS))) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try {
                    for (Path file : RunDirectory.entries(dir)) {
                        if (AtomicFiles.isTemporary(file) && Files.isRegularFile(file)) {
                            found.add(clean(file));
                        }
                    }
                } catch (IOException e) {
                    found.add(new Leftover(dir, OptionalLong.empty(), Outcome.UNREADABLE, IoProblems.describe(e)));
                }
            }
        }
        return found;
    }

    /**
     * @return why the temporary file {@code file} is ignored, for a listing: a write in progress, or a leftover of
     *         an interrupted write that is safe to delete
     */
    static String describe(Path file) {
        OptionalLong writer = AtomicFiles.writer(file);
        if (writer.isEmpty()) {
            return "left over from an interrupted write; ignored (safe to delete)";
        }
        long pid = writer.getAsLong();
        return running(pid) ? "being written by process " + pid + ", which is still running; ignored"
                : "left over from an interrupted write of process " + pid + ", which has ended; ignored (safe to"
                        + " delete)";
    }

    private static Leftover clean(Path file) {
        OptionalLong writer = AtomicFiles.writer(file);
        if (writer.isEmpty()) {
            return new Leftover(file, writer, Outcome.WRITER_UNKNOWN, "");
        }
        if (running(writer.getAsLong())) {
            return new Leftover(file, writer, Outcome.WRITER_RUNNING, "");
        }
        try {
            Files.deleteIfExists(file);
            return new Leftover(file, writer, Outcome.REMOVED, "");
        } catch (IOException e) {
            return new Leftover(file, writer, Outcome.NOT_REMOVED, IoProblems.describe(e));
        }
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
