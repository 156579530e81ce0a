package org.spinmon.analyzer.spin;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.spinmon.analyzer.linalg.DenseEigensolver;
import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.LanczosSession;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.linalg.SymmetricOperator;

/**
 * The TAP Hessian at the paramagnet m = 0 (spin-model.md §4.2), in temperature:
 *
 * <pre>H_0(T) = I + diag(s)/T² − J/T,   s_i = Σ_j J_ij²</pre>
 *
 * dimensionless; positive definite for every T > λ_max(J). Its smallest eigenvalue by Lanczos (warm-started
 * from the previous eigenvector, so that a scan over T costs few products per temperature), and a
 * positive-definiteness test by dense Cholesky for small models (EJML's {@code decompose} fails exactly when
 * the matrix is not positive definite).
 */
final class Hessian {

    private final Couplings couplings;
    private final double[] s;
    private final Lanczos solver;
    private final DMatrixRMaj dense;
    private double[] warm;
    private int matvecs;
    private int evaluations;

    /**
     * @param couplings  J
     * @param s          the row sums of J∘J
     * @param solver     the eigensolver for λ_min
     * @param denseLimit the largest N for which J is materialised for Cholesky tests (0: never)
     */
    Hessian(Couplings couplings, double[] s, Lanczos solver, int denseLimit) {
        this.couplings = couplings;
        this.s = s;
        this.solver = solver;
        this.dense = couplings.size() <= denseLimit ? DenseEigensolver.materialise(couplings.operator()) : null;
    }

    /** @return H_0(T) as an operator */
    SymmetricOperator at(double t) {
        int n = couplings.size();
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public void apply(double[] x, double[] y) {
                couplings.apply(x, y);
                toHessian(t, x, y);
            }
        };
    }

    /** @return λ_min(H_0(T)), warm-started from the last eigenvector */
    double lambdaMin(double t) {
        EigenPairs p = solver.solve(at(t), 1, Spectrum.SMALLEST, warm);
        warm = p.vector(0);
        matvecs += p.matvecs();
        evaluations++;
        return p.value(0);
    }

    /**
     * λ_min(H_0(T)) at each of {@code temps}, as {@link #lambdaMin} would give them one after the other, but in
     * {@code chains} contiguous runs of the list: each run warm-starts every temperature from the eigenvector of
     * the one before (its first from a seeded random vector), and the runs advance in lockstep, so that their
     * J products share passes over the weights ({@link Couplings#applyAll}). A large network's products are
     * bound by memory bandwidth one at a time, and several per pass cost little more than one (measured at
     * 784-2048-2048-2048-10: 4 products per pass 0.95 ms each, one alone 2.4 ms). Afterwards
     * {@link #lambdaMin} warm-starts from the eigenvector of the last temperature.
     */
    double[] lambdaMins(double[] temps, int chains) {
        int n = couplings.size();
        int runs = Math.max(1, Math.min(chains, temps.length));
        int[] next = new int[runs];
        int[] end = new int[runs];
        double[][] warms = new double[runs][];
        LanczosSession[] sessions = new LanczosSession[runs];
        for (int c = 0; c < runs; c++) {
            next[c] = c * temps.length / runs;
            end[c] = (c + 1) * temps.length / runs;
        }
        double[] lambdas = new double[temps.length];
        while (true) {
            List<Integer> active = new ArrayList<>();
            for (int c = 0; c < runs; c++) {
                if (sessions[c] == null && next[c] < end[c]) {
                    sessions[c] = solver.session(n, 1, Spectrum.SMALLEST, warms[c]);
                }
                if (sessions[c] != null) {
                    active.add(c);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            double[][] xs = new double[active.size()][];
            double[][] ys = new double[active.size()][];
            for (int a = 0; a < xs.length; a++) {
                xs[a] = sessions[active.get(a)].nextVector();
                ys[a] = new double[n];
            }
            couplings.applyAll(xs, new boolean[xs.length], ys);
            for (int a = 0; a < xs.length; a++) {
                int c = active.get(a);
                toHessian(temps[next[c]], xs[a], ys[a]);
                sessions[c].accept(ys[a]);
                if (sessions[c].done()) {
                    EigenPairs p = sessions[c].result();
                    lambdas[next[c]] = p.value(0);
                    warms[c] = p.vector(0);
                    matvecs += p.matvecs();
                    evaluations++;
                    next[c]++;
                    sessions[c] = null;
                }
            }
        }
        warm = warms[runs - 1];
        return lambdas;
    }

    /** Turns y = J·x into H_0(T)·x = x + diag(s)·x/T² − J·x/T, in place. */
    private void toHessian(double t, double[] x, double[] y) {
        double invT = 1 / t;
        double invT2 = invT * invT;
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] + s[i] * invT2 * x[i] - invT * y[i];
        }
    }

    /** @return the unit eigenvector of the last {@link #lambdaMin} */
    double[] lastVector() {
        return warm.clone();
    }

    /** @return whether H_0(T) is positive definite: dense Cholesky when materialised, else the sign of λ_min */
    boolean positiveDefinite(double t) {
        if (dense == null) {
            return lambdaMin(t) > 0;
        }
        int n = dense.numRows;
        DMatrixRMaj h = new DMatrixRMaj(n, n);
        double invT = 1 / t;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                h.unsafe_set(a, b, -invT * dense.unsafe_get(a, b));
            }
            h.unsafe_set(a, a, 1 + s[a] * invT * invT);
        }
        evaluations++;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        return chol.decompose(h);
    }

    /** @return whether positive-definiteness tests are dense Cholesky factorisations */
    boolean dense() {
        return dense != null;
    }

    /** @return operator applications spent so far */
    int matvecs() {
        return matvecs;
    }

    /** @return λ_min evaluations and Cholesky tests so far */
    int evaluations() {
        return evaluations;
    }
}
