package org.spinmon.analyzer.spin;

import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of the spin-model analysis (spin-model.md §8.1), every default the specification's. Built by
 * {@link #builder()}; {@link #DEFAULT} is the paper's convention.
 *
 * @param layout           which spins enter H
 * @param delta            phase margin δ: hidden order needs T_c,order &gt; (1+δ)·T_SG (default 0.02)
 * @param epsOutlier       outlier margin ε: eigenvalues of J above (1+ε)·edge_0 count (default 0.02)
 * @param taus             TAP temperatures as fractions of tc_melt (default {0.9}), at most {@value #MAX_TAUS};
 *                         empty: no TAP
 * @param tapStarts        TAP starts, 1 … {@value #MAX_TAP_STARTS} (default 8)
 * @param tapDamping       damping γ (default 0.5)
 * @param tapTolerance     convergence threshold on max|Δm_i| (default 1e-9)
 * @param tapMaxIterations iteration cap per start (default 5000)
 * @param nScan            geometric T-scan points, 2 … {@value #MAX_SCAN_POINTS} (default 100)
 * @param denseLimit       largest N_tot whose definiteness tests use dense Cholesky. Default 0 (always
 *                         Lanczos), not the specification's 3000: measured on 2 cores, EJML's pure-Java
 *                         Cholesky costs far more per scan point than warm-started Lanczos (BENCHMARKS.md); at most
 *                         {@value #MAX_DENSE_LIMIT}
 * @param topEigenvalues   how many top eigenvalues of J to report (default 5)
 * @param outlierK         eigenvalues of J computed for the outlier count (default 16, doubled while all exceed)
 * @param seed             seed of every random start vector
 */
public record SpinModelConfig(SpinLayout layout, double delta, double epsOutlier, double[] taus, int tapStarts,
                              double tapDamping, double tapTolerance, int tapMaxIterations, int nScan, int denseLimit,
                              int topEigenvalues, int outlierK, long seed) {

    /** The most TAP temperatures. */
    public static final int MAX_TAUS = 100;
    /** The most TAP starts (each keeps a magnetisation vector of N_tot values). */
    public static final int MAX_TAP_STARTS = 10_000;
    /** The most temperature-scan points: each is one definiteness test of a Hessian. */
    public static final int MAX_SCAN_POINTS = 10_000;
    /** The largest dense limit: an N × N matrix fits in one Java array for N ≤ ⌊√(2³¹ − 1)⌋. */
    public static final int MAX_DENSE_LIMIT = 46_340;

    /** The specification's defaults. */
    public static final SpinModelConfig DEFAULT = builder().build();

    /** Validates every knob. */
    public SpinModelConfig {
        Objects.requireNonNull(layout, "layout");
        taus = taus.clone();
        check(delta >= 0 && delta < 1, "delta must be in [0, 1), was " + delta);
        check(epsOutlier >= 0 && epsOutlier < 1, "epsOutlier must be in [0, 1), was " + epsOutlier);
        check(taus.length <= MAX_TAUS, "at most " + MAX_TAUS + " taus, were " + taus.length);
        check(Arrays.stream(taus).allMatch(t -> t > 0 && t <= 2), "every tau must be in (0, 2], were "
                + Arrays.toString(taus));
        check(tapStarts >= 1 && tapStarts <= MAX_TAP_STARTS, "tapStarts must be in 1 ... " + MAX_TAP_STARTS
                + ", was " + tapStarts);
        check(tapDamping > 0 && tapDamping <= 1, "tapDamping must be in (0, 1], was " + tapDamping);
        check(tapTolerance > 0 && tapTolerance < 1e-3, "tapTolerance must be in (0, 1e-3), was " + tapTolerance);
        check(tapMaxIterations >= 1, "tapMaxIterations must be >= 1, was " + tapMaxIterations);
        check(nScan >= 2 && nScan <= MAX_SCAN_POINTS, "nScan must be in 2 ... " + MAX_SCAN_POINTS + ", was " + nScan);
        check(denseLimit >= 0 && denseLimit <= MAX_DENSE_LIMIT, "denseLimit must be in 0 ... " + MAX_DENSE_LIMIT
                + ", was " + denseLimit);
        check(topEigenvalues >= 1, "topEigenvalues must be >= 1, was " + topEigenvalues);
        check(outlierK >= 1, "outlierK must be >= 1, was " + outlierK);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return a copy of the TAP temperature fractions */
    @Override
    public double[] taus() {
        return taus.clone();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.layout = layout;
        b.delta = delta;
        b.epsOutlier = epsOutlier;
        b.taus = taus.clone();
        b.tapStarts = tapStarts;
        b.tapDamping = tapDamping;
        b.tapTolerance = tapTolerance;
        b.tapMaxIterations = tapMaxIterations;
        b.nScan = nScan;
        b.denseLimit = denseLimit;
        b.topEigenvalues = topEigenvalues;
        b.outlierK = outlierK;
        b.seed = seed;
        return b;
    }

    /** Fluent builder; see the record components for each knob's meaning and default. */
    public static final class Builder {
        private SpinLayout layout = SpinLayout.DEFAULT;
        private double delta = 0.02;
        private double epsOutlier = 0.02;
        private double[] taus = {0.9};
        private int tapStarts = 8;
        private double tapDamping = 0.5;
        private double tapTolerance = 1e-9;
        private int tapMaxIterations = 5000;
        private int nScan = 100;
        private int denseLimit = 0;
        private int topEigenvalues = 5;
        private int outlierK = 16;
        private long seed = 1;

        private Builder() {
        }

        /** Which spins enter H. */
        public Builder layout(SpinLayout layout) {
            this.layout = layout;
            return this;
        }

        /** Phase margin δ. */
        public Builder delta(double delta) {
            this.delta = delta;
            return this;
        }

        /** Outlier margin ε. */
        public Builder epsOutlier(double epsOutlier) {
            this.epsOutlier = epsOutlier;
            return this;
        }

        /** TAP temperatures as fractions of tc_melt; none: no TAP. */
        public Builder taus(double... taus) {
            this.taus = taus.clone();
            return this;
        }

        /** TAP starts. */
        public Builder tapStarts(int tapStarts) {
            this.tapStarts = tapStarts;
            return this;
        }

        /** TAP damping γ. */
        public Builder tapDamping(double tapDamping) {
            this.tapDamping = tapDamping;
            return this;
        }

        /** TAP convergence threshold. */
        public Builder tapTolerance(double tapTolerance) {
            this.tapTolerance = tapTolerance;
            return this;
        }

        /** TAP iteration cap. */
        public Builder tapMaxIterations(int tapMaxIterations) {
            this.tapMaxIterations = tapMaxIterations;
            return this;
        }

        /** T-scan points. */
        public Builder nScan(int nScan) {
            this.nScan = nScan;
            return this;
        }

        /** Largest N_tot for dense Cholesky definiteness tests. */
        public Builder denseLimit(int denseLimit) {
            this.denseLimit = denseLimit;
            return this;
        }

        /** Top eigenvalues of J reported. */
        public Builder topEigenvalues(int topEigenvalues) {
            this.topEigenvalues = topEigenvalues;
            return this;
        }

        /** Eigenvalues of J computed for the outlier count. */
        public Builder outlierK(int outlierK) {
            this.outlierK = outlierK;
            return this;
        }

        /** Seed of every random start. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the validated settings */
        public SpinModelConfig build() {
            return new SpinModelConfig(layout, delta, epsOutlier, taus, tapStarts, tapDamping, tapTolerance,
                    tapMaxIterations, nScan, denseLimit, topEigenvalues, outlierK, seed);
        }
    }
}
