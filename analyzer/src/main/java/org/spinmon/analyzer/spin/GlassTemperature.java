package org.spinmon.analyzer.spin;

import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.linalg.SymmetricOperator;

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
        int n = couplings.size();
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = 1 - m[i] * m[i];
        }
        double b2 = beta * beta;
        double[] tmp = new double[n];
        SymmetricOperator op = new SymmetricOperator() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public void apply(double[] x, double[] y) {
                for (int i = 0; i < n; i++) {
                    tmp[i] = root[i] * x[i];
                }
                couplings.applySquared(tmp, y);
                for (int i = 0; i < n; i++) {
                    y[i] *= b2 * root[i];
                }
            }
        };
        return 1 - solver.solve(op, 1, Spectrum.LARGEST, null).value(0);
    }
}
