package org.spinmon.analyzer.heavytail;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * The empirical spectral density of one weight matrix as WeightWatcher 0.7.5 defines it (ecosystem.md §2.2):
 * the eigenvalues of WᵀW, i.e. the squared singular values of the raw W (no 1/N), ascending, M = min(rows,
 * cols) of them; N = max(rows, cols), Q = N/M, rf = 1 (dense layers). The singular values come from EJML's
 * SVD of W itself, not from the Gram matrix, so that small singular values keep their precision (the rank
 * and the 1e-5 threshold depend on them).
 *
 * @param singularValues σ, ascending, weight units
 * @param n              the larger dimension N
 * @param m              the smaller dimension M (the number of eigenvalues)
 */
public record Esd(double[] singularValues, int n, int m) {

    /** WeightWatcher's {@code WEAK_RANK_LOSS_TOLERANCE}: eigenvalues below it count as weak rank loss. */
    public static final double WEAK_RANK_TOLERANCE = 1e-6;

    /** Copies the values in. */
    public Esd {
        singularValues = singularValues.clone();
        if (singularValues.length != m || m < 1 || n < m) {
            throw new IllegalArgumentException("an ESD needs M = " + m + " singular values and N >= M, got "
                    + singularValues.length + " values and N = " + n);
        }
    }

    /**
     * @param w    the matrix, row-major, rows × cols, finite
     * @return its ESD
     * @throws ArithmeticException when the SVD does not converge
     */
    public static Esd of(double[] w, int rows, int cols) {
        double[] sv = SingularOps_DDRM.singularValues(DMatrixRMaj.wrap(rows, cols, w));
        if (sv == null) {
            throw new ArithmeticException("the SVD of a " + rows + "x" + cols + " matrix did not converge");
        }
        Arrays.sort(sv);
        return new Esd(sv, Math.max(rows, cols), Math.min(rows, cols));
    }

    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** @return λ = σ², ascending */
    public double[] eigenvalues() {
        double[] e = new double[m];
        for (int i = 0; i < m; i++) {
            e[i] = singularValues[i] * singularValues[i];
        }
        return e;
    }

    /** @return Q = N/M ≥ 1 */
    public double q() {
        return (double) n / m;
    }

    /** @return σ_max */
    public double svMax() {
        return singularValues[m - 1];
    }

    /** @return σ_min */
    public double svMin() {
        return singularValues[0];
    }

    /** @return λ_max = σ_max² */
    public double lambdaMax() {
        return svMax() * svMax();
    }

    /** @return the numerical rank: #σ &gt; σ_max·N·ε (ε of double precision; numpy's {@code matrix_rank}) */
    public int matrixRank() {
        double tol = svMax() * n * Math.ulp(1.0);
        int rank = 0;
        for (double s : singularValues) {
            if (s > tol) {
                rank++;
            }
        }
        return rank;
    }

    /** @return M − {@link #matrixRank()} */
    public int rankLoss() {
        return m - matrixRank();
    }

    /** @return #λ &lt; {@value #WEAK_RANK_TOLERANCE} */
    public int weakRankLoss() {
        int count = 0;
        for (double s : singularValues) {
            if (s * s < WEAK_RANK_TOLERANCE) {
                count++;
            }
        }
        return count;
    }
}
