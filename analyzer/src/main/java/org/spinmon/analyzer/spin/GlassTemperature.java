package org.spinmon.analyzer.spin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.LanczosSession;
import org.spinmon.analyzer.linalg.Spectrum;

/**
 * The instance-level spin-glass temperature and the Plefka condition (spin-model.md §4.4):
 *
 * <pre>T_SG = √ρ(J∘J)            x_P(m) = 1 − ρ(β² Λ^{1/2} (J∘J) Λ^{1/2}),  Λ = diag((1 − m_i²)²)</pre>
 *
 * ρ is the spectral radius, the largest eigenvalue of these symmetric non-negative matrices, found by Lanczos
 * (largest algebraic); never by power iteration, which fails on their ±ρ bipartite spectra. T_SG is in weight
 * units; it reproduces the layered-SK T_c of random weights without the finite-size touching problem of
 * the Hessian. x_P is dimensionless: x_P &lt; 0 means a TAP solution is unphysical. At m = 0,
 * x_P = 1 − T_SG²/T² exactly.
 */
public final class GlassTemperature {

    private GlassTemperature() {
    }

    /** @return T_SG = √λ_max(J∘J), in weight units */
    public static double of(Couplings couplings, Lanczos solver) {
        EigenPairs p = solver.solve(couplings.squaredOperator(), 1, Spectrum.LARGEST, null);
        return Math.sqrt(Math.max(0, p.value(0)));
    }

    /** @return x_P(m) at inverse temperature β */
    public static double plefka(Couplings couplings, double[] m, double beta, Lanczos solver) {
        return plefka(couplings, List.of(m), beta, solver)[0];
    }

    /**
     * @return x_P of each of {@code ms} at inverse temperature β: the same solves as one by one, advancing in
     *         lockstep so that their (J∘J) products share passes over the weights ({@link Couplings#applyAll})
     */
    public static double[] plefka(Couplings couplings, List<double[]> ms, double beta, Lanczos solver) {
        int n = couplings.size();
        int count = ms.size();
        double b2 = beta * beta;
        double[][] roots = new double[count][n];
        LanczosSession[] sessions = new LanczosSession[count];
        for (int s = 0; s < count; s++) {
            double[] m = ms.get(s);
            for (int i = 0; i < n; i++) {
                roots[s][i] = 1 - m[i] * m[i];
            }
            sessions[s] = solver.session(n, 1, Spectrum.LARGEST, null);
        }
        while (true) {
            List<Integer> active = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                if (!sessions[s].done()) {
                    active.add(s);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            double[][] xs = new double[active.size()][n];
            double[][] ys = new double[active.size()][n];
            boolean[] squared = new boolean[xs.length];
            Arrays.fill(squared, true);
            for (int a = 0; a < xs.length; a++) {
                double[] x = sessions[active.get(a)].nextVector();
                double[] root = roots[active.get(a)];
                for (int i = 0; i < n; i++) {
                    xs[a][i] = root[i] * x[i];
                }
            }
            couplings.applyAll(xs, squared, ys);
            for (int a = 0; a < xs.length; a++) {
                double[] root = roots[active.get(a)];
                for (int i = 0; i < n; i++) {
                    ys[a][i] *= b2 * root[i];
                }
                sessions[active.get(a)].accept(ys[a]);
            }
        }
        double[] x = new double[count];
        for (int s = 0; s < count; s++) {
            x[s] = 1 - sessions[s].result().value(0);
        }
        return x;
    }
}
