package org.spinmon.analyzer.linalg;

import java.util.Arrays;

/**
 * Eigenvalues and unit eigenvectors from one end of a symmetric spectrum, ordered from the extreme inward
 * (decreasing for {@link Spectrum#LARGEST}, increasing for {@link Spectrum#SMALLEST}).
 *
 * @param values  the eigenvalues
 * @param vectors the matching unit eigenvectors, mutually orthogonal
 * @param matvecs operator applications spent (0 for dense solvers)
 */
public record EigenPairs(double[] values, double[][] vectors, int matvecs) {

    /** Copies the arrays in. */
    public EigenPairs {
        values = values.clone();
        vectors = Arrays.stream(vectors).map(double[]::clone).toArray(double[][]::new);
        if (values.length != vectors.length) {
            throw new IllegalArgumentException(values.length + " values but " + vectors.length + " vectors");
        }
    }

    /** @return the number of pairs */
    public int size() {
        return values.length;
    }

    /** @return eigenvalue {@code i} (0 = the extreme one) */
    public double value(int i) {
        return values[i];
    }

    /** @return a copy of eigenvector {@code i} */
    public double[] vector(int i) {
        return vectors[i].clone();
    }

    /** @return a copy of the eigenvalues */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return copies of the eigenvectors */
    @Override
    public double[][] vectors() {
        return Arrays.stream(vectors).map(double[]::clone).toArray(double[][]::new);
    }
}
