package org.spinmon.analyzer.analysis;

import java.util.Objects;
import org.spinmon.analyzer.snapshot.Snapshot;

/**
 * What a run's first (t = 0) snapshot fixes for every later one: W_0 for the change-from-init metrics, the
 * bulk edge edge_0 = λ_max(J) at t = 0 for the outlier count, and T_SG(0) for tc_melt / T_SG(0).
 *
 * @param initial the first snapshot
 * @param edge0   λ_max(J) of the first snapshot, weight units
 * @param tSg0    T_SG of the first snapshot, weight units
 */
public record RunReference(Snapshot initial, double edge0, double tSg0) {

    /** Checks the snapshot is present. */
    public RunReference {
        Objects.requireNonNull(initial, "initial");
    }
}
