package org.spinmon.analyzer.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.spinmon.analyzer.snapshot.SnapshotInfo;

/**
 * What a run directory (or any directory of snapshot files) holds: the readable snapshots in step order,
 * and every file that could not be used, with the reason. Nothing is skipped silently.
 *
 * @param root      the directory that was scanned
 * @param manifest  the run's manifest, when {@code run.json} exists and is valid
 * @param snapshots readable snapshot headers, ascending by step
 * @param problems  files that are unreadable, misplaced or left over, each with a reason
 */
public record RunListing(Path root, Optional<RunManifest> manifest, List<SnapshotInfo> snapshots,
                         List<Problem> problems) {

    /** Copies the lists in. */
    public RunListing {
        snapshots = List.copyOf(snapshots);
        problems = List.copyOf(problems);
    }

    /** @return whether any problem is an error (not only warnings) */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** How bad a problem is. */
    public enum Severity {
        /** A file that should be a readable snapshot or manifest but is not: data may be lost. */
        ERROR,
        /** A file that is not data and was ignored: a leftover of an interrupted write, a stray file. */
        WARNING
    }

    /**
     * A file that could not be used.
     *
     * @param file     the file
     * @param severity whether data may be lost ({@link Severity#ERROR}) or the file was merely ignored
     * @param message  what is wrong, for a person
     */
    public record Problem(Path file, Severity severity, String message) {
    }
}
