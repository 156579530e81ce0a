package org.spinmon.analyzer.analysis;

import java.util.Objects;
import org.spinmon.analyzer.landscape.LandscapeSettings;

/**
 * Which of the forward-pass views (landscape-and-kernels.md) the analyzer computes, the freezing profile's
 * solid rule and the input landscape's settings.
 *
 * @param kernels      the layer kernels (§3, Seroussi, Naveh and Ringel 2023); needs a probe batch
 * @param freezing     the freezing profile (§2, Yoshino 2020): weight overlaps always, spin overlaps with a probe batch
 * @param solidEpsilon ε of the solid rule: a layer is solid when C_l(t, t_prev) ≥ 1 − ε (dimensionless, in (0, 1))
 * @param solidWindow  over how many consecutive analysed snapshots (log-spaced by the trainer's schedule) the
 *                     rule must hold, ≥ 1
 * @param landscape    the input landscape (§1, Hanin and Winer 2025): whether, on which snapshots (every K-th of the
 *                     run, by {@link AnalysisContext#ordinal()}) and how it is sampled; it needs no probe batch
 */
public record ViewSettings(boolean kernels, boolean freezing, double solidEpsilon, int solidWindow,
                           LandscapeSettings landscape) {

    /** Kernels and freezing on, ε = 0.01 (the spec's default), a window of 3 snapshots, the default landscape. */
    public static final ViewSettings DEFAULT = new ViewSettings(true, true, 0.01, 3, LandscapeSettings.DEFAULT);

    /** Every view off: the spin-model and heavy-tail analysis only. */
    public static final ViewSettings OFF = new ViewSettings(false, false, 0.01, 3,
            LandscapeSettings.DEFAULT.withEnabled(false));

    /** Validates ε and the window. */
    public ViewSettings {
        Objects.requireNonNull(landscape, "landscape");
        if (!(solidEpsilon > 0 && solidEpsilon < 1)) {
            throw new IllegalArgumentException("solid epsilon must be in (0, 1), was " + solidEpsilon);
        }
        if (solidWindow < 1) {
            throw new IllegalArgumentException("solid window must be >= 1 snapshot, was " + solidWindow);
        }
    }

    /** @return whether the input landscape is sampled on the run's snapshot number {@code ordinal} */
    public boolean landscapeAt(long ordinal) {
        return landscape.enabled() && ordinal % landscape.every() == 0;
    }
}
