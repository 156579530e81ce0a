package org.spinmon.analyzer.linalg;

import org.ejml.data.DMatrixRMaj;

/** A dense symmetric matrix as a {@link SymmetricOperator}, for tests. */
record DenseOperator(DMatrixRMaj a) implements SymmetricOperator {

    @Override
    public int dimension() {
        return a.numRows;
    }

    @Override
    public void apply(double[] x, double[] y) {
        int n = a.numRows;
        double[] d = a.data;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += d[row + j] * x[j];
            }
            y[i] = s;
        }
    }
}
