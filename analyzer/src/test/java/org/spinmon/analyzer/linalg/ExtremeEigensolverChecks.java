package org.spinmon.analyzer.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link ExtremeEigensolver} passes (the EJML model: one abstract check class, rerun by
 * every implementation and configuration). Spectra are known exactly by construction: Q·diag(λ)·Qᵀ with a
 * random orthogonal Q, and bipartite [[0, B], [Bᵀ, 0]] whose eigenvalues are ±σ_i(B) and zeros.
 */
abstract class ExtremeEigensolverChecks {

    /** @return the solver under test */
    abstract ExtremeEigensolver solver();

    /** @return the relative accuracy the solver promises on eigenvalues */
    double tolerance() {
        return 1e-9;
    }

    static SymmetricOperator withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        DMatrixRMaj q = RandomMatrices_DDRM.orthogonal(n, n, new Random(seed));
        DMatrixRMaj d = CommonOps_DDRM.diag(lambda);
        DMatrixRMaj qd = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, d, qd);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qd, q, a);
        return new DenseOperator(a);
    }

    static SymmetricOperator bipartite(double[] sigma, int rows, int cols, long seed) {
        DMatrixRMaj u = RandomMatrices_DDRM.orthogonal(rows, rows, new Random(seed));
        DMatrixRMaj v = RandomMatrices_DDRM.orthogonal(cols, cols, new Random(seed + 1));
        DMatrixRMaj s = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < sigma.length; i++) {
            s.set(i, i, sigma[i]);
        }
        DMatrixRMaj us = new DMatrixRMaj(rows, cols);
        CommonOps_DDRM.mult(u, s, us);
        DMatrixRMaj b = new DMatrixRMaj(rows, cols);
        CommonOps_DDRM.multTransB(us, v, b);
        int n = rows + cols;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.insert(b, a, 0, rows);
        DMatrixRMaj bt = CommonOps_DDRM.transpose(b, null);
        CommonOps_DDRM.insert(bt, a, rows, 0);
        return new DenseOperator(a);
    }

    private void assertValues(double[] expected, EigenPairs pairs, double scale) {
        assertEquals(expected.length, pairs.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], pairs.value(i), tolerance() * scale, "eigenvalue " + i + " of "
                    + Arrays.toString(pairs.values()));
        }
    }

    private void assertEigenvectors(SymmetricOperator op, EigenPairs pairs, double scale) {
        int n = op.dimension();
        double[] ay = new double[n];
        for (int i = 0; i < pairs.size(); i++) {
            double[] y = pairs.vector(i);
            assertEquals(1, Vectors.norm(y), 1e-10, "unit length");
            op.apply(y, ay);
            Vectors.axpy(-pairs.value(i), y, ay);
            assertTrue(Vectors.norm(ay) <= 1e-6 * scale, "residual of pair " + i + ": " + Vectors.norm(ay));
            for (int j = 0; j < i; j++) {
                assertEquals(0, Vectors.dot(y, pairs.vector(j)), 1e-8, "pairs " + i + " and " + j + " orthogonal");
            }
        }
    }

    @Test
    @DisplayName("diagonal: values and unit-vector eigenvectors")
    void diagonal() {
        double[] d = {3, -7, 0.5, 2, 9, -1, 4, 6, -2, 1};
        SymmetricOperator op = new DenseOperator(CommonOps_DDRM.diag(d));
        EigenPairs top = solver().solve(op, 3, Spectrum.LARGEST, null);
        assertValues(new double[]{9, 6, 4}, top, 9);
        assertEquals(1, Math.abs(top.vector(0)[4]), 1e-8);
        EigenPairs bottom = solver().solve(op, 2, Spectrum.SMALLEST, null);
        assertValues(new double[]{-7, -2}, bottom, 9);
        assertEigenvectors(op, bottom, 9);
    }

    @Test
    @DisplayName("known spectrum of a dense random-basis matrix")
    void knownSpectrum() {
        int n = 200;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = Math.sin(1.7 * i) * 3 + 0.01 * i;
        }
        SymmetricOperator op = withSpectrum(lambda, 11);
        double[] sorted = lambda.clone();
        Arrays.sort(sorted);
        EigenPairs top = solver().solve(op, 5, Spectrum.LARGEST, null);
        assertValues(new double[]{sorted[n - 1], sorted[n - 2], sorted[n - 3], sorted[n - 4], sorted[n - 5]}, top, 5);
        assertEigenvectors(op, top, 5);
        EigenPairs bottom = solver().solve(op, 3, Spectrum.SMALLEST, null);
        assertValues(new double[]{sorted[0], sorted[1], sorted[2]}, bottom, 5);
    }

    @Test
    @DisplayName("degenerate: multiplicities are counted")
    void degenerate() {
        int n = 60;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = i < 3 ? 5 : (i < 5 ? -4 : 1.0 * i / n);
        }
        SymmetricOperator op = withSpectrum(lambda, 12);
        EigenPairs top = solver().solve(op, 4, Spectrum.LARGEST, null);
        assertValues(new double[]{5, 5, 5, (n - 1.0) / n}, top, 5);
        assertEigenvectors(op, top, 5);
        EigenPairs bottom = solver().solve(op, 3, Spectrum.SMALLEST, null);
        assertValues(new double[]{-4, -4, 5.0 / n}, bottom, 5);
    }

    @Test
    @DisplayName("bipartite: +rho and -rho both found, as power iteration cannot")
    void bipartitePlusMinusRho() {
        double[] sigma = {2.5, 2.0, 1.5, 1.2, 1.0, 0.8, 0.5, 0.3, 0.2, 0.1};
        SymmetricOperator op = bipartite(sigma, 10, 25, 13);
        EigenPairs top = solver().solve(op, 3, Spectrum.LARGEST, null);
        assertValues(new double[]{2.5, 2.0, 1.5}, top, 2.5);
        EigenPairs bottom = solver().solve(op, 3, Spectrum.SMALLEST, null);
        assertValues(new double[]{-2.5, -2.0, -1.5}, bottom, 2.5);
        assertEigenvectors(op, bottom, 2.5);
    }

    @Test
    @DisplayName("eigenvalues alone: the values of solve, degenerate copies and both bipartite ends included")
    void eigenvaluesAlone() {
        int n = 200;
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = Math.sin(1.7 * i) * 3 + 0.01 * i;
        }
        double[] sorted = lambda.clone();
        Arrays.sort(sorted);
        SymmetricOperator known = withSpectrum(lambda, 11);
        assertArrayEquals(new double[]{sorted[n - 1], sorted[n - 2], sorted[n - 3], sorted[n - 4], sorted[n - 5]},
                solver().eigenvalues(known, 5, Spectrum.LARGEST), tolerance() * 5);
        assertArrayEquals(new double[]{sorted[0], sorted[1], sorted[2]},
                solver().eigenvalues(known, 3, Spectrum.SMALLEST), tolerance() * 5);
        double[] degenerate = new double[60];
        for (int i = 0; i < degenerate.length; i++) {
            degenerate[i] = i < 3 ? 5 : (i < 5 ? -4 : 1.0 * i / 60);
        }
        SymmetricOperator op = withSpectrum(degenerate, 12);
        assertArrayEquals(new double[]{5, 5, 5, 59.0 / 60}, solver().eigenvalues(op, 4, Spectrum.LARGEST),
                tolerance() * 5);
        assertArrayEquals(new double[]{-4, -4, 5.0 / 60}, solver().eigenvalues(op, 3, Spectrum.SMALLEST),
                tolerance() * 5);
        SymmetricOperator bipartite = bipartite(new double[]{2.5, 2.0, 1.5, 1.2, 1.0}, 5, 25, 13);
        assertArrayEquals(new double[]{-2.5, -2.0}, solver().eigenvalues(bipartite, 2, Spectrum.SMALLEST),
                tolerance() * 2.5);
        SymmetricOperator three = withSpectrum(new double[]{1, 2, 3}, 14);
        assertArrayEquals(new double[]{3, 2, 1}, solver().eigenvalues(three, 3, Spectrum.LARGEST), tolerance() * 3);
        SymmetricOperator zero = new DenseOperator(new DMatrixRMaj(4, 4));
        assertArrayEquals(new double[]{0, 0}, solver().eigenvalues(zero, 2, Spectrum.LARGEST), 0);
    }

    @Test
    @DisplayName("tiny sizes, k = n included")
    void tinySizes() {
        SymmetricOperator one = new DenseOperator(new DMatrixRMaj(1, 1, true, -3.0));
        assertValues(new double[]{-3}, solver().solve(one, 1, Spectrum.LARGEST, null), 3);
        SymmetricOperator two = new DenseOperator(new DMatrixRMaj(2, 2, true, 0, 1, 1, 0));
        assertValues(new double[]{1, -1}, solver().solve(two, 2, Spectrum.LARGEST, null), 1);
        SymmetricOperator three = withSpectrum(new double[]{1, 2, 3}, 14);
        assertValues(new double[]{1, 2, 3}, solver().solve(three, 3, Spectrum.SMALLEST, null), 3);
        SymmetricOperator zero = new DenseOperator(new DMatrixRMaj(4, 4));
        assertValues(new double[]{0, 0}, solver().solve(zero, 2, Spectrum.LARGEST, null), 1);
        assertThrows(IllegalArgumentException.class, () -> solver().solve(three, 4, Spectrum.LARGEST, null));
        assertThrows(IllegalArgumentException.class, () -> solver().solve(three, 0, Spectrum.LARGEST, null));
    }

    @Test
    @DisplayName("a warm start (even an exact interior eigenvector) does not change the answer")
    void warmStart() {
        double[] d = {1, 2, 3, 4, 5, 6, 7, 8};
        SymmetricOperator op = new DenseOperator(CommonOps_DDRM.diag(d));
        double[] interior = new double[8];
        interior[3] = 1;
        assertValues(new double[]{8}, solver().solve(op, 1, Spectrum.LARGEST, interior), 8);
        double[] exact = new double[8];
        exact[0] = 1;
        assertValues(new double[]{1}, solver().solve(op, 1, Spectrum.SMALLEST, exact), 8);
    }
}
