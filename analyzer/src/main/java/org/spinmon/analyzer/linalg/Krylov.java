package org.spinmon.analyzer.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * What the Krylov runs of one {@link Lanczos} solve share: the dimension, the end of the spectrum, the seeded
 * random source of start vectors, the tolerance, and the deflation set that every new Krylov vector is kept
 * orthogonal to (locked Ritz vectors, or in values-only mode the bases of finished runs). With the
 * orthogonalisation and the Ritz pairs of a projected matrix.
 */
final class Krylov {

    final int n;
    final Spectrum which;
    final SplittableRandom random;
    final double tolerance;
    final List<double[]> deflation = new ArrayList<>();

    Krylov(int n, Spectrum which, long seed, double tolerance) {
        this.n = n;
        this.which = which;
        this.random = new SplittableRandom(seed);
        this.tolerance = tolerance;
    }

    /** @return a unit vector orthogonal to the deflation set: {@code candidate} if it has room, else random */
    double[] startVector(double[] candidate) {
        for (int attempt = 0; attempt < 10; attempt++) {
            double[] v = candidate != null && attempt == 0 ? candidate.clone() : Vectors.gaussian(n, random);
            double before = Vectors.norm(v);
            for (int pass = 0; pass < 2; pass++) {
                for (double[] u : deflation) {
                    Vectors.axpy(-Vectors.dot(v, u), u, v);
                }
            }
            if (Vectors.normalize(v) > 1e-8 * before) {
                return v;
            }
        }
        throw new ArithmeticException("cannot find a start vector outside the locked subspace");
    }

    /**
     * Orthogonalises w against basis[0..m] and the deflation set: first against basis[m] and basis[m − 1]
     * (the three-term recurrence, which removes almost all of w), then against all of them, twice when that
     * pass removed more than 1 − 1/√2 of what was left (Daniel–Gragg–Kaufman–Stewart: "twice is enough").
     * Accumulates the coefficients into column m of the dense projection h when there is one; returns the
     * coefficient of basis[m].
     */
    double orthogonalise(double[] w, double[][] basis, int m, double[][] h) {
        double diagonal = 0;
        for (int j = m; j >= Math.max(0, m - 1); j--) {
            double c = Vectors.dot(w, basis[j]);
            Vectors.axpy(-c, basis[j], w);
            diagonal += j == m ? c : 0;
            if (h != null) {
                h[j][m] += c;
            }
        }
        double before = Vectors.norm(w);
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j <= m; j++) {
                double c = Vectors.dot(w, basis[j]);
                Vectors.axpy(-c, basis[j], w);
                diagonal += j == m ? c : 0;
                if (h != null) {
                    h[j][m] += c;
                }
            }
            for (double[] u : deflation) {
                Vectors.axpy(-Vectors.dot(w, u), u, w);
            }
            double after = Vectors.norm(w);
            if (after > 0.7071 * before) {
                break;
            }
            before = after;
        }
        if (h != null) {
            for (int j = 0; j < m; j++) {
                h[m][j] = h[j][m];
            }
        }
        return diagonal;
    }

    /** Scales w by 1/β in place and returns it. */
    static double[] scaled(double[] w, double beta) {
        double inv = 1 / beta;
        for (int i = 0; i < w.length; i++) {
            w[i] *= inv;
        }
        return w;
    }

    /** @return the m×m Lanczos tridiagonal as a dense matrix */
    static double[][] tridiagonal(double[] alpha, double[] beta, int m) {
        double[][] t = new double[m][m];
        for (int i = 0; i < m; i++) {
            t[i][i] = alpha[i];
            if (i + 1 < m) {
                t[i][i + 1] = beta[i];
                t[i + 1][i] = beta[i];
            }
        }
        return t;
    }

    /** Ritz values and residuals of the tridiagonal projection, without Ritz vectors (O(m²)). */
    Ritz tridiagonalRitz(double[] alpha, double[] beta, int m) {
        double[][] eigen = TridiagonalEigen.valuesAndLastComponents(alpha, beta, m);
        double[] values = new double[m];
        double[] residuals = new double[m];
        double scale = 0;
        for (int i = 0; i < m; i++) {
            int from = which == Spectrum.LARGEST ? m - 1 - i : i;
            values[i] = eigen[0][from];
            residuals[i] = Math.abs(beta[m - 1] * eigen[1][from]);
            scale = Math.max(scale, Math.abs(values[i]));
        }
        return new Ritz(values, null, residuals, scale);
    }

    /** Ritz pairs of a dense projection by EJML's symmetric eigendecomposition (O(m³)). */
    Ritz denseRitz(double[][] h, int m, double beta) {
        DMatrixRMaj t = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                t.unsafe_set(i, j, h[i][j]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(t)) {
            throw new ArithmeticException("eigendecomposition of the projected Lanczos matrix failed");
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> which == Spectrum.LARGEST
                ? Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real)
                : Double.compare(eig.getEigenvalue(a).real, eig.getEigenvalue(b).real));
        double[] values = new double[m];
        double[][] s = new double[m][];
        double[] residuals = new double[m];
        double scale = 0;
        for (int i = 0; i < m; i++) {
            values[i] = eig.getEigenvalue(order[i]).real;
            s[i] = eig.getEigenVector(order[i]).getData().clone();
            Vectors.normalize(s[i]);
            residuals[i] = Math.abs(beta * s[i][m - 1]);
            scale = Math.max(scale, Math.abs(values[i]));
        }
        return new Ritz(values, s, residuals, scale);
    }

    /** @return whether {@code found} lies beyond {@code kth} by more than the tolerance */
    boolean beyond(double found, double kth) {
        double scale = Math.max(Math.abs(found), Math.abs(kth));
        return which == Spectrum.LARGEST ? found > kth + tolerance * scale : found < kth - tolerance * scale;
    }

    /** @return {@code values} sorted from the extreme inward */
    List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        copy.sort(which == Spectrum.LARGEST ? (a, b) -> Double.compare(b, a) : Double::compare);
        return copy;
    }

    /**
     * Ritz pairs of one projected matrix, ordered from the extreme inward; {@code s} (the eigenvectors of the
     * projection) is null when only values and residuals were computed.
     */
    record Ritz(double[] values, double[][] s, double[] residuals, double scale) {

        /** @return how many pairs from the extreme inward, at most {@code need}, have converged */
        int converged(int need, double tolerance) {
            int c = 0;
            while (c < Math.min(need, values.length)
                    && residuals[c] <= tolerance * Math.max(scale, Double.MIN_NORMAL)) {
                c++;
            }
            return c;
        }

        /** @return the unit Ritz vector y = V s_i */
        double[] vector(int i, double[][] basis, int m) {
            double[] y = new double[basis[0].length];
            for (int j = 0; j < m; j++) {
                Vectors.axpy(s[i][j], basis[j], y);
            }
            Vectors.normalize(y);
            return y;
        }
    }
}
