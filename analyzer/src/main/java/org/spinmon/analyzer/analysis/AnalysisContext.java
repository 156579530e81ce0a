package org.spinmon.analyzer.analysis;

/**
 * Where a snapshot stands in its run's stream, for the views that depend on more than the snapshot itself
 * (landscape-and-kernels.md): the freezing profile compares with the previous analysed snapshot, and the input
 * landscape runs on every K-th snapshot of the run.
 *
 * @param ordinal  the snapshot's position among the run's snapshots, from 0: the producer's emission index live
 *                 (dropped snapshots keep their numbers) and the file index in replay, so the two agree
 * @param previous the previous analysed snapshot of the run, or {@code null} for the first
 */
public record AnalysisContext(long ordinal, org.spinmon.analyzer.snapshot.Snapshot previous) {

    /** The context of a run's first snapshot, or of a snapshot analysed alone. */
    public static final AnalysisContext FIRST = new AnalysisContext(0, null);

    /** Checks the ordinal. */
    public AnalysisContext {
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0, was " + ordinal);
        }
    }
}
