package org.spinmon.analyzer.landscape;

import java.util.Arrays;
import java.util.Locale;

/**
 * The rule that decides whether a point's sampling phase is an equilibrium estimate
 * (landscape-and-kernels.md §1: "refuse to publish an unequilibrated estimate"). All tests are on the energy
 * H_c of the sampling phase; the first that fails is the reason. τ enters the length tests as at least 1 step: an
 * estimate below 1 (anticorrelated, or from a chain too short to tell) earns no more than independent samples.
 */
final class Equilibration {

    /**
     * The largest split-R̂ of the energy accepted (Gelman et al.'s customary 1.1): above it the replicas, or the
     * two halves of one, disagree on the energy distribution.
     */
    static final double MAX_R_HAT = 1.1;

    /**
     * The fewest integrated autocorrelation times each replica's sampling phase must span: below it τ itself is
     * not resolved (Sokal's window needs T ≥ 5τ, emcee asks for 50τ) and split-R̂ compares halves that are
     * barely independent.
     */
    static final double MIN_CHAIN_TAUS = 20;

    /** The fewest effective samples R T/τ of the energy over all replicas. */
    static final double MIN_EFFECTIVE_SAMPLES = 100;

    /**
     * The lowest sampling-phase acceptance rate accepted: far below the adaptation's target of
     * {@value SphereSampler#TARGET_ACCEPTANCE}, the step size found in burn-in does not fit the region sampled.
     */
    static final double MIN_ACCEPTANCE = 0.1;

    private Equilibration() {
    }

    /**
     * @param chains     the sampling-phase energies, [R][T]
     * @param tau        their integrated autocorrelation time, in steps
     * @param rHat       their split-R̂
     * @param acceptance the sampling-phase acceptance rate
     * @return why the point is not an equilibrium estimate, or {@code null} when it is
     */
    static String reason(double[][] chains, double tau, double rHat, double acceptance) {
        if (Arrays.stream(chains).flatMapToDouble(Arrays::stream).anyMatch(h -> !Double.isFinite(h))) {
            return "non-finite energy";
        }
        if (acceptance < MIN_ACCEPTANCE) {
            return format("acceptance collapsed: %.3f < %.2f", acceptance, MIN_ACCEPTANCE);
        }
        if (Double.isNaN(tau) || Double.isNaN(rHat)) {
            return "the energy does not vary over the sampling phase";
        }
        int t = chains[0].length;
        double steps = Math.max(1, tau);
        if (t < MIN_CHAIN_TAUS * steps) {
            return format("sampling phase too short: %d steps < %.0f autocorrelation times (tau = %.1f steps)", t,
                    MIN_CHAIN_TAUS, tau);
        }
        double effective = chains.length * t / steps;
        if (effective < MIN_EFFECTIVE_SAMPLES) {
            return format("too few effective samples: %.0f < %.0f", effective, MIN_EFFECTIVE_SAMPLES);
        }
        if (rHat > MAX_R_HAT) {
            return format("replicas disagree: split R-hat %.3f > %.2f", rHat, MAX_R_HAT);
        }
        return null;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
