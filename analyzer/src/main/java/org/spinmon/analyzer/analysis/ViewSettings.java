package org.spinmon.analyzer.analysis;

/**
 * Which of the forward-pass views (landscape-and-kernels.md) the analyzer computes, and the freezing profile's
 * solid rule.
 *
 * @param kernels      the layer kernels (§3, Seroussi, Naveh and Ringel 2023); needs a probe batch
 * @param freezing     the freezing profile (§2, Yoshino 2020): weight overlaps always, spin overlaps with a probe batch
 * @param solidEpsilon ε of the solid rule: a layer is solid when C_l(t, t_prev) ≥ 1 − ε (dimensionless, in (0, 1))
 * @param solidWindow  over how many consecutive analysed snapshots (log-spaced by the trainer's schedule) the
 *                     rule must hold, ≥ 1
 */
public record ViewSettings(boolean kernels, boolean freezing, double solidEpsilon, int solidWindow) {

    /** Kernels and freezing on, ε = 0.01 (the spec's default), a window of 3 snapshots. */
    public static final ViewSettings DEFAULT = new ViewSettings(true, true, 0.01, 3);

    /** Every view off: the spin-model and heavy-tail analysis only. */
    public static final ViewSettings OFF = new ViewSettings(false, false, 0.01, 3);

    /** Validates ε and the window. */
    public ViewSettings {
        if (!(solidEpsilon > 0 && solidEpsilon < 1)) {
            throw new IllegalArgumentException("solid epsilon must be in (0, 1), was " + solidEpsilon);
        }
        if (solidWindow < 1) {
            throw new IllegalArgumentException("solid window must be >= 1 snapshot, was " + solidWindow);
        }
    }
}
