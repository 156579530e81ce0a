package org.spinmon.dashboard.cli;

import java.nio.file.Path;
import org.spinmon.analyzer.snapshot.Snapshot;

/** Prints one snapshot's inspection in one output format. */
interface SnapshotPrinter {

    /** Prints what {@code snapshot}, read from {@code file}, holds. */
    void print(Path file, Snapshot snapshot);
}
