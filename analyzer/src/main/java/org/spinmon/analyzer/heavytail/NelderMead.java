package org.spinmon.analyzer.heavytail;

import java.util.function.DoubleUnaryOperator;

/**
 * scipy's {@code optimize.fmin} (Nelder–Mead, non-adaptive) in one dimension, the polish step of {@code
 * optimize.brute}: initial simplex {x0, 1.05·x0} (0.00025 when x0 = 0), reflection 1, expansion 2,
 * contraction ½, shrink ½ (with one dimension scipy's "accept the reflection" branch cannot occur, since the
 * second-worst point is the best), stopping when both |x_1 − x_0| ≤ 1e-4 and |f_1 − f_0| ≤ 1e-4, or after 200
 * iterations or 200 evaluations. Reproduced rather than replaced by a library optimiser so that σ_mp matches
 * WeightWatcher's (the residual is not smooth, so another polish would stop elsewhere).
 */
final class NelderMead {

    static final double XTOL = 1e-4;
    static final double FTOL = 1e-4;
    static final int MAX_ITERATIONS = 200;
    static final int MAX_EVALUATIONS = 200;

    private NelderMead() {
    }

    /** @return the best point found */
    static double minimize(DoubleUnaryOperator f, double x0) {
        int[] calls = {0};
        DoubleUnaryOperator g = x -> {
            calls[0]++;
            return f.applyAsDouble(x);
        };
        double[] sim = {x0, x0 != 0 ? 1.05 * x0 : 0.00025};
        double[] fsim = {g.applyAsDouble(sim[0]), g.applyAsDouble(sim[1])};
        sort(sim, fsim);
        int iterations = 1;
        while (calls[0] < MAX_EVALUATIONS && iterations < MAX_ITERATIONS) {
            if (Math.abs(sim[1] - sim[0]) <= XTOL && Math.abs(fsim[0] - fsim[1]) <= FTOL) {
                break;
            }
            double xbar = sim[0];
            double xr = 2 * xbar - sim[1];
            double fxr = g.applyAsDouble(xr);
            boolean shrink = false;
            if (fxr < fsim[0]) {
                double xe = 3 * xbar - 2 * sim[1];
                double fxe = g.applyAsDouble(xe);
                if (fxe < fxr) {
                    sim[1] = xe;
                    fsim[1] = fxe;
                } else {
                    sim[1] = xr;
                    fsim[1] = fxr;
                }
            } else if (fxr < fsim[1]) {
                double xc = 1.5 * xbar - 0.5 * sim[1];
                double fxc = g.applyAsDouble(xc);
                if (fxc <= fxr) {
                    sim[1] = xc;
                    fsim[1] = fxc;
                } else {
                    shrink = true;
                }
            } else {
                double xcc = 0.5 * xbar + 0.5 * sim[1];
                double fxcc = g.applyAsDouble(xcc);
                if (fxcc < fsim[1]) {
                    sim[1] = xcc;
                    fsim[1] = fxcc;
                } else {
                    shrink = true;
                }
            }
            if (shrink) {
                sim[1] = sim[0] + 0.5 * (sim[1] - sim[0]);
                fsim[1] = g.applyAsDouble(sim[1]);
            }
            iterations++;
            sort(sim, fsim);
        }
        return sim[0];
    }

    private static void sort(double[] sim, double[] fsim) {
        if (fsim[1] < fsim[0] || (Double.isNaN(fsim[0]) && !Double.isNaN(fsim[1]))) {
            double t = sim[0];
            sim[0] = sim[1];
            sim[1] = t;
            t = fsim[0];
            fsim[0] = fsim[1];
            fsim[1] = t;
        }
    }
}
