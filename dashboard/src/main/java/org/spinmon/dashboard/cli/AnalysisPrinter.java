package org.spinmon.dashboard.cli;

import java.nio.file.Path;
import org.spinmon.analyzer.analysis.SnapshotAnalysis;
import org.spinmon.analyzer.powerlaw.PowerLaw;
import org.spinmon.analyzer.snapshot.Snapshot;

/** Prints what {@code spinmon analyze} finds, in one output format. */
interface AnalysisPrinter {

    /** Prints what a snapshot holds, without physics ({@code --inspect}). */
    void inspection(Path file, Snapshot snapshot);

    /** Prints one snapshot's analysis. */
    void analysis(Path file, Snapshot snapshot, SnapshotAnalysis analysis);

    /** Prints the T_c(t) power law of a directory's snapshots. */
    void powerLaw(PowerLaw fit);
}
