package org.spinmon.analyzer.landscape;

/**
 * The integrated autocorrelation time of a set of equally long chains, with Sokal's automatic windowing
 * (A. Sokal, "Monte Carlo Methods in Statistical Mechanics: Foundations and New Algorithms", 1996; the
 * variant of emcee's {@code integrated_time}).
 *
 * <p>Each chain is centred on its own mean; the autocovariance C(t) = (1/(R T)) Σ_a Σ_{s&lt;T−t} d_a(s) d_a(s+t)
 * is averaged over the R chains and normalised, ρ(t) = C(t)/C(0); τ(M) = 1 + 2 Σ_{t=1}^{M} ρ(t), and the window
 * is the smallest M with M ≥ {@value #WINDOW_FACTOR} τ(M) (at most T − 1). τ is in steps of the chain; the
 * effective number of independent samples is R T / τ. When no window satisfies the condition, τ(T − 1) is
 * returned and is then not a resolved estimate (T &lt; {@value #WINDOW_FACTOR} τ).
 */
final class Autocorrelation {

    /** Sokal's c: the window is the first M with M ≥ c τ(M). */
    static final double WINDOW_FACTOR = 5;

    private Autocorrelation() {
    }

    /** @return τ in steps, or NaN when the chains do not vary (C(0) = 0) or are not finite */
    static double integratedTime(double[][] chains) {
        int r = chains.length;
        int t = chains[0].length;
        double[][] d = new double[r][t];
        for (int a = 0; a < r; a++) {
            double mean = 0;
            for (double v : chains[a]) {
                mean += v;
            }
            mean /= t;
            for (int s = 0; s < t; s++) {
                d[a][s] = chains[a][s] - mean;
            }
        }
        double c0 = covariance(d, 0);
        if (!(c0 > 0) || Double.isInfinite(c0)) {
            return Double.NaN;
        }
        double tau = 1;
        for (int m = 1; m < t; m++) {
            tau += 2 * covariance(d, m) / c0;
            if (m >= WINDOW_FACTOR * tau) {
                return tau;
            }
        }
        return tau;
    }

    private static double covariance(double[][] d, int lag) {
        double sum = 0;
        int t = d[0].length;
        for (double[] chain : d) {
            for (int s = 0; s + lag < t; s++) {
                sum += chain[s] * chain[s + lag];
            }
        }
        return sum / ((double) d.length * t);
    }
}
