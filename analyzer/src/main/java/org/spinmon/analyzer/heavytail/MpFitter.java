package org.spinmon.analyzer.heavytail;

import java.util.Arrays;

/**
 * The Marchenko–Pastur fit exactly as WeightWatcher 0.7.5 codes it ({@code mp_fit}, {@code
 * fit_density_with_range}, {@code resid_mp} of {@code RMT_Util}; ecosystem.md §2.5):
 *
 * <ol>
 *   <li>rescale to Σλ' = count: W_scale = √(count/Σλ), λ' = W_scale²·λ; Q = N/M;</li>
 *   <li>the data to fit are λ' (Q ≠ 1) or the singular values √λ' (Q = 1, quarter-circle law);</li>
 *   <li>a linear-kernel (triangular) density estimate of bandwidth 0.1, ρ̂(x) = (1/(n h)) Σ max(0, 1 − |x −
 *       x_i|/h), on 1000 points of [0, max + 0.5] (scikit-learn's {@code KernelDensity(kernel='linear')});
 *       points with ρ̂ ≤ 0.01 are dropped;</li>
 *   <li>residual MP(x; Q, σ) − ρ̂(x) with MP(x) = √((b−x)(x−a)) / (2πσ²x/Q), 0 outside [a, b] (numpy's
 *       {@code nan_to_num}); a σ whose upper edge b lies below the density's peak or beyond the last kept
 *       point, or whose lower edge a lies above the peak, scores 1000 at every point. For Q = 1 the
 *       quarter-circle density √(4 − x²)/(πσ²), as WeightWatcher writes it (σ scales only the height);</li>
 *   <li>σ minimises the summed squared residual: scipy's {@code brute} on the grid [0.05·s₀, 2·s₀) with step
 *       0.01·s₀, s₀ = √(max λ' / (1 + 1/√Q)²), then, as {@code brute}'s default {@code finish}, scipy's
 *       Nelder–Mead {@code fmin} from the best grid point (xtol = ftol = 1e-4, at most 200 evaluations);</li>
 *   <li>bulk_max = (σ(1 + 1/√Q))², bulk_min = (σ(1 − 1/√Q))², TW = Q^{−1/2}·bulk_max^{2/3}·M^{−2/3},
 *       num_spikes = #λ' &gt; bulk_max + √TW, mp_softrank = bulk_max / max λ'; the edges are reported divided
 *       back by W_scale².</li>
 * </ol>
 *
 * Where WeightWatcher writes √(1/Q) and where 1/√Q, the same is written here (they differ in the last bit).
 */
public final class MpFitter {

    /** KDE bandwidth. */
    static final double BANDWIDTH = 0.1;
    /** KDE evaluation points. */
    static final int POINTS = 1000;
    /** Density floor below which a point is left out of the residual. */
    static final double DENSITY_FLOOR = 0.01;
    /** Residual of an invalid σ at every point. */
    static final double INVALID = 1000;

    private MpFitter() {
    }

    /**
     * @param eigenvalues the ESD (one or several replicas), any order, finite, not all zero
     * @param n           the layer's larger dimension N
     * @param m           the layer's smaller dimension M
     * @return the fit
     */
    public static MarchenkoPastur fit(double[] eigenvalues, int n, int m) {
        double q = (double) n / m;
        double[] lambda = eigenvalues.clone();
        Arrays.sort(lambda);
        double sum = 0;
        for (double l : lambda) {
            sum += l;
        }
        double wScale = Math.sqrt(lambda.length) / Math.sqrt(sum);
        double scale2 = wScale * wScale;
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = scale2 * lambda[i];
        }
        double lambdaMax = lambda[lambda.length - 1];
        double sigma = fitSigma(lambda, q);
        double bulkMax = Math.pow(sigma * (1 + 1 / Math.sqrt(q)), 2);
        double bulkMin = Math.pow(sigma * (1 - 1 / Math.sqrt(q)), 2);
        double tw = 1 / Math.sqrt(q) * Math.pow(bulkMax, 2.0 / 3) * Math.pow(m, -2.0 / 3);
        double cut = bulkMax + Math.sqrt(tw);
        int spikes = 0;
        for (double l : lambda) {
            if (l > cut) {
                spikes++;
            }
        }
        return new MarchenkoPastur(spikes, sigma, bulkMax / lambdaMax, wScale, bulkMax / scale2, bulkMin / scale2);
    }

    /** @return σ by brute force and Nelder–Mead polish, for rescaled ascending eigenvalues */
    static double fitSigma(double[] rescaled, double q) {
        double s0 = Math.sqrt(rescaled[rescaled.length - 1] / Math.pow(1 + 1.0 / Math.sqrt(q), 2));
        double[] data = rescaled.clone();
        if (q == 1) {
            for (int i = 0; i < data.length; i++) {
                data[i] = Math.sqrt(data[i]);
            }
        }
        Residual residual = new Residual(data, q);
        double start = 0.05 * s0;
        double stop = 2.0 * s0;
        double step = 0.01 * s0;
        int count = (int) Math.ceil((stop - start) / step);
        double best = start;
        double bestValue = Double.NaN;
        for (int i = 0; i < count; i++) {
            double s = start + i * step;
            double v = residual.sumOfSquares(s);
            if (i == 0 || v < bestValue || (Double.isNaN(v) && !Double.isNaN(bestValue))) {
                best = s;
                bestValue = v;
            }
        }
        return NelderMead.minimize(residual::sumOfSquares, best);
    }

    /** The residual of {@code resid_mp} as a function of σ; the density estimate is computed once. */
    static final class Residual {
        private final double q;
        private final double[] x;
        private final double[] density;
        private final double peak;
        private final double lastX;

        Residual(double[] ascending, double q) {
            this.q = q;
            double max = ascending[ascending.length - 1];
            double[] grid = linspace(0, max + 0.5, POINTS);
            double[] rho = kde(ascending, grid, BANDWIDTH);
            int kept = 0;
            for (double r : rho) {
                if (r > DENSITY_FLOOR) {
                    kept++;
                }
            }
            x = new double[kept];
            density = new double[kept];
            int j = 0;
            for (int i = 0; i < grid.length; i++) {
                if (rho[i] > DENSITY_FLOOR) {
                    x[j] = grid[i];
                    density[j++] = rho[i];
                }
            }
            int top = 0;
            for (int i = 1; i < kept; i++) {
                if (density[i] > density[top]) {
                    top = i;
                }
            }
            peak = kept == 0 ? Double.NaN : x[top];
            lastX = kept == 0 ? Double.NaN : x[kept - 1];
        }

        /** @return Σ residual² at σ */
        double sumOfSquares(double sigma) {
            double total = 0;
            if (q == 1) {
                for (int i = 0; i < x.length; i++) {
                    double r = nanToNum(1 / (Math.PI * sigma * sigma) * Math.sqrt(4 - x[i] * x[i])) - density[i];
                    total += r * r;
                }
                return total;
            }
            double y = 1 / q;
            double b = Math.pow(sigma * (1 + Math.sqrt(1 / q)), 2);
            double a = Math.pow(sigma * (1 - Math.sqrt(1 / q)), 2);
            if (b < peak || b > lastX || a > peak) {
                return x.length * INVALID * INVALID;
            }
            for (int i = 0; i < x.length; i++) {
                double mp = nanToNum(1 / (2 * Math.PI * sigma * sigma * x[i] * y) * Math.sqrt((b - x[i]) * (x[i] - a)));
                double r = mp - density[i];
                total += r * r;
            }
            return total;
        }
    }

    /** @return numpy's {@code nan_to_num}: NaN → 0, ±∞ → ±Double.MAX_VALUE */
    static double nanToNum(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
        }
        return v;
    }

    /** @return numpy's {@code linspace(start, stop, num)} */
    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = start + i * step;
        }
        out[num - 1] = stop;
        return out;
    }

    /**
     * @return the triangular-kernel density (1/(n h)) Σ max(0, 1 − |x − x_i|/h) at each grid point (strictly
     *         inside the kernel's support, as scikit-learn); data ascending
     */
    static double[] kde(double[] ascending, double[] grid, double h) {
        int n = ascending.length;
        double[] out = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            double x = grid[g];
            int from = lowerBound(ascending, x - h);
            double sum = 0;
            for (int i = from; i < n && ascending[i] < x + h; i++) {
                double dist = Math.abs(x - ascending[i]);
                if (dist < h) {
                    sum += 1 - dist / h;
                }
            }
            out[g] = sum / (n * h);
        }
        return out;
    }

    private static int lowerBound(double[] ascending, double value) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
