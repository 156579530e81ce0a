package org.spinmon.analyzer.heavytail;

import java.util.Arrays;

/**
 * WeightWatcher 0.7.5's default power-law fit ({@code WWFit}, a continuous Clauset–Shalizi–Newman fit;
 * ecosystem.md §2.3), reproduced step by step. With the eigenvalues above {@value #THRESHOLD} sorted,
 * x_0 ≤ … ≤ x_{n−1}:
 *
 * <ol>
 *   <li>every point but the last is an xmin candidate; candidate i has the tail k = n − i;</li>
 *   <li>Hill MLE α_i = 1 + k / (Σ_{j≥i} ln x_j − k·ln x_i), from prefix sums of ln x (O(1) each);</li>
 *   <li>if α_i &gt; 1, D_i = max_{j&lt;k} |1 − (x_{i+j}/x_i)^{1−α_i} − j/k| (the empirical CDF j/k), else D_i = 1;</li>
 *   <li>i* = the first argmin of D; alpha = α_{i*}, xmin = x_{i*}, D = D_{i*}, sigma = (alpha − 1)/√k;</li>
 *   <li>num_pl_spikes = #eigenvalues ≥ xmin on the unthresholded list.</li>
 * </ol>
 *
 * The fit fails (all −1) with fewer than {@value #MIN_EIGENVALUES} eigenvalues, with fewer than two above the
 * threshold, or when alpha is NaN. The KS scan is O(n²), about 0.1 s at n = 2048 (BENCHMARKS.md). Where
 * numpy and Java differ, numpy is followed: 1^(−∞) is 1 (a tail of equal values has α = ∞ and D = (k−1)/k).
 */
public final class TailFitter {

    /** Eigenvalues at or below this are dropped before the fit (WeightWatcher's {@code EVALS_THRESH}). */
    public static final double THRESHOLD = 1e-5;
    /** Fewer eigenvalues than this and the fit fails (WeightWatcher's {@code MIN_NUM_EVALS}). */
    public static final int MIN_EIGENVALUES = 10;
    /** alpha below this reads as over-trained. */
    public static final double OVER_TRAINED_BELOW = 2.0;
    /** alpha above this reads as under-trained. */
    public static final double UNDER_TRAINED_ABOVE = 6.0;

    private TailFitter() {
    }

    /** @param eigenvalues the ESD, any order, finite and ≥ 0 */
    public static PowerLawTail fit(double[] eigenvalues) {
        double[] all = eigenvalues.clone();
        Arrays.sort(all);
        double xmax = all.length == 0 ? Double.NaN : all[all.length - 1];
        if (all.length < MIN_EIGENVALUES) {
            return PowerLawTail.failed(Double.NaN);
        }
        double[] x = Arrays.stream(all).filter(v -> v > THRESHOLD).toArray();
        int n = x.length;
        if (n < 2) {
            return PowerLawTail.failed(xmax);
        }
        Candidates c = candidates(x);
        int best = argmin(c.ds);
        double alpha = c.alphas[best];
        if (Double.isNaN(alpha)) {
            return PowerLawTail.failed(xmax);
        }
        int k = n - best;
        double xmin = x[best];
        int spikes = 0;
        for (double v : all) {
            if (v >= xmin) {
                spikes++;
            }
        }
        PowerLawTail.Warning warning = alpha < OVER_TRAINED_BELOW ? PowerLawTail.Warning.OVER_TRAINED
                : alpha > UNDER_TRAINED_ABOVE ? PowerLawTail.Warning.UNDER_TRAINED : PowerLawTail.Warning.NONE;
        return new PowerLawTail(alpha, xmin, x[n - 1], c.ds[best], (alpha - 1) / Math.sqrt(k), spikes,
                PowerLawTail.Status.SUCCESS, warning);
    }

    /** The per-candidate estimates α_i and D_i, i = 0 … n−2, of an ascending, positive list. */
    record Candidates(double[] alphas, double[] ds) {
    }

    /** @param x ascending, all &gt; 0, at least two */
    static Candidates candidates(double[] x) {
        int n = x.length;
        double[] log = new double[n];
        for (int i = 0; i < n; i++) {
            log[i] = Math.log(x[i]);
        }
        double[] suffix = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            suffix[i] = suffix[i + 1] + log[i];
        }
        double[] alphas = new double[n - 1];
        double[] ds = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            int k = n - i;
            double alpha = 1 + k / (suffix[i] - k * log[i]);
            alphas[i] = alpha;
            ds[i] = alpha > 1 ? ksDistance(x, i, alpha) : 1;
        }
        return new Candidates(alphas, ds);
    }

    /** @return numpy's argmin: the first NaN if there is one, else the first smallest */
    static int argmin(double[] values) {
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                return i;
            }
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double ksDistance(double[] x, int i, double alpha) {
        int k = x.length - i;
        double xmin = x[i];
        double exponent = 1 - alpha;
        double d = 0;
        for (int j = 0; j < k; j++) {
            double ratio = x[i + j] / xmin;
            double power = ratio == 1 ? 1 : Math.pow(ratio, exponent);
            double gap = Math.abs(1 - power - (double) j / k);
            if (Double.isNaN(gap)) {
                return gap;
            }
            d = Math.max(d, gap);
        }
        return d;
    }
}
