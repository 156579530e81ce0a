package org.spinmon.analyzer.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The reference solver: materialises A (n applications to the unit vectors) and runs EJML's symmetric
 * eigendecomposition (tridiagonalisation and implicit QR). O(n³) time and O(n²) memory: for cross-checks
 * and small operators only.
 */
public final class DenseEigensolver implements ExtremeEigensolver {

    @Override
    public EigenPairs solve(SymmetricOperator op, int k, Spectrum which, double[] start) {
        int n = op.dimension();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], was " + k);
        }
        DMatrixRMaj a = materialise(op);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(a)) {
            throw new ArithmeticException("EJML's symmetric eigendecomposition failed");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> which == Spectrum.LARGEST
                ? Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real)
                : Double.compare(eig.getEigenvalue(p).real, eig.getEigenvalue(q).real));
        double[] values = new double[k];
        double[][] vectors = new double[k][];
        for (int i = 0; i < k; i++) {
            values[i] = eig.getEigenvalue(order[i]).real;
            vectors[i] = eig.getEigenVector(order[i]).getData().clone();
            Vectors.normalize(vectors[i]);
        }
        return new EigenPairs(values, vectors, 0);
    }

    /** @return A as a dense n×n matrix, symmetrised as (A + Aᵀ)/2 against rounding */
    public static DMatrixRMaj materialise(SymmetricOperator op) {
        int n = op.dimension();
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        double[] e = new double[n];
        double[] col = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            op.apply(e, col);
            e[j] = 0;
            for (int i = 0; i < n; i++) {
                a.unsafe_set(i, j, col[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double m = 0.5 * (a.unsafe_get(i, j) + a.unsafe_get(j, i));
                a.unsafe_set(i, j, m);
                a.unsafe_set(j, i, m);
            }
        }
        return a;
    }
}
