package org.spinmon.analyzer.landscape;

import java.util.List;

/**
 * The input landscape of one snapshot (landscape-and-kernels.md §1, after Hanin and Winer 2025, "Deep Neural Nets
 * as Hamiltonians"): p(x) ∝ exp(−β H_c(x)) on the sphere |x|² = N_0, H_c(x) = −z_c(x), sampled at every
 * (class, β) of the settings.
 *
 * @param step       the snapshot's optimizer step (it seeds the points)
 * @param inputDim   N_0, the input dimension: the sphere's radius is √N_0 and each lowest sample has N_0 values
 * @param points     one per (class, β): the classes in the settings' order, and for each class the β in the
 *                   settings' order
 */
public record LandscapeAnalysis(long step, int inputDim, List<LandscapePoint> points) {

    /** Copies the list. */
    public LandscapeAnalysis {
        points = List.copyOf(points);
    }
}
