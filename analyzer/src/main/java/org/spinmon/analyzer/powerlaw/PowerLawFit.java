package org.spinmon.analyzer.powerlaw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits tc_melt(t) ∝ t^a over a run (spin-model.md §10): OLS of ln tc_melt on ln t, with t in optimizer steps.
 * Points: t &gt; 0, tc_melt finite and positive, and t ≥ t_0, where t_0 defaults to the first snapshot in the
 * hidden-order phase (the glass has died; the snapshot that first shows order already belongs to the ordered
 * regime, which is why t_0 itself is kept). Interval: percentile bootstrap, B resamples of the pairs with
 * replacement (seeded; resamples with a single distinct t are redrawn). Rolling exponent: the same fit over
 * the last k points. At least 3 points are needed, else the fit is NaN with the reason.
 */
public final class PowerLawFit {

    /** Default bootstrap resamples. */
    public static final int BOOTSTRAP = 1000;
    /** Default rolling window. */
    public static final int ROLLING = 8;

    private PowerLawFit() {
    }

    /**
     * @param steps     optimizer steps of the snapshots, ascending
     * @param tcMelt    tc_melt per snapshot (NaN allowed, skipped)
     * @param t0        first step to use
     * @param bootstrap resamples B
     * @param rolling   window k of the rolling exponent
     * @param seed      bootstrap seed
     */
    public static PowerLaw fit(long[] steps, double[] tcMelt, long t0, int bootstrap, int rolling, long seed) {
        List<double[]> pts = new ArrayList<>();
        long first = -1;
        long last = -1;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] > 0 && steps[i] >= t0 && Double.isFinite(tcMelt[i]) && tcMelt[i] > 0) {
                pts.add(new double[]{Math.log(steps[i]), Math.log(tcMelt[i])});
                first = first < 0 ? steps[i] : first;
                last = steps[i];
            }
        }
        int n = pts.size();
        if (n < 3 || pts.stream().mapToDouble(p -> p[0]).distinct().count() < 2) {
            return PowerLaw.undefined("needs at least 3 snapshots with t > 0 after t_0 = " + t0 + ", has " + n, n);
        }
        double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
        double[] fit = ols(x, y);
        SplittableRandom random = new SplittableRandom(seed);
        double[] slopes = new double[bootstrap];
        double[] bx = new double[n];
        double[] by = new double[n];
        for (int b = 0; b < bootstrap; b++) {
            do {
                for (int i = 0; i < n; i++) {
                    int k = random.nextInt(n);
                    bx[i] = x[k];
                    by[i] = y[k];
                }
            } while (Arrays.stream(bx).distinct().count() < 2);
            slopes[b] = ols(bx, by)[0];
        }
        Arrays.sort(slopes);
        double low = bootstrap > 0 ? slopes[(int) Math.floor(0.025 * bootstrap)] : Double.NaN;
        double high = bootstrap > 0 ? slopes[Math.max(0, (int) Math.ceil(0.975 * bootstrap) - 1)] : Double.NaN;
        int from = Math.max(0, n - rolling);
        double rollingA = n - from >= 3 && Arrays.stream(x, from, n).distinct().count() >= 2
                ? ols(Arrays.copyOfRange(x, from, n), Arrays.copyOfRange(y, from, n))[0] : Double.NaN;
        return new PowerLaw(fit[0], Math.exp(fit[1]), low, high, fit[2], n, first, last, rollingA, null);
    }

    /** @return {slope, intercept, R²} of y on x */
    static double[] ols(double[] x, double[] y) {
        int n = x.length;
        double mx = Arrays.stream(x).average().orElse(Double.NaN);
        double my = Arrays.stream(y).average().orElse(Double.NaN);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new double[]{slope, intercept, r2};
    }
}
