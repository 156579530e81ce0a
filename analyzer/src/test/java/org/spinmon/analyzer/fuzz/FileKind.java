package org.spinmon.analyzer.fuzz;

/** Which reader a file is meant for: a snapshot ({@code SnapshotFiles}) or a run's probe batch ({@code ProbeFiles}). */
public enum FileKind {
    /** A snapshot file, read by {@code SnapshotFiles.read} and {@code SnapshotFiles.readInfo}. */
    SNAPSHOT,
    /** A probe batch file, read by {@code ProbeFiles.read}. */
    PROBE
}
