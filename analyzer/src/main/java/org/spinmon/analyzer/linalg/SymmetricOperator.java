package org.spinmon.analyzer.linalg;

/**
 * A real symmetric linear operator A of dimension n, known only through products y = A·x: bond matrices of
 * large networks are never materialised (spin-model.md §8.2).
 */
public interface SymmetricOperator {

    /** @return n, the dimension */
    int dimension();

    /** Sets {@code y} = A·{@code x}; {@code x} and {@code y} have length n and are distinct arrays. */
    void apply(double[] x, double[] y);
}
