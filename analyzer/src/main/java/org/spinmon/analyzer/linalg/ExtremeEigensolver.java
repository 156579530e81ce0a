package org.spinmon.analyzer.linalg;

/**
 * Computes the k eigenpairs at one end of the spectrum of a symmetric operator, counted with multiplicity.
 * Implementations: {@link Lanczos} (implicit operators, the production solver) and {@link DenseEigensolver}
 * (EJML, the reference for small dense cross-checks).
 */
public interface ExtremeEigensolver {

    /**
     * @param op    the operator
     * @param k     how many pairs, 1 ≤ k ≤ n
     * @param which the end of the spectrum
     * @param start a starting vector (a warm start), or {@code null} for a seeded random one; ignored by dense
     *              solvers
     * @return the k extreme pairs, ordered from the extreme inward
     * @throws ArithmeticException if the solver does not converge within its limits
     */
    EigenPairs solve(SymmetricOperator op, int k, Spectrum which, double[] start);

    /**
     * The k extreme eigenvalues alone, for callers that need no eigenvectors; solvers may find them more
     * cheaply than {@link #solve}. By default the values of {@link #solve} with a random start.
     *
     * @return the k extreme eigenvalues, ordered from the extreme inward
     */
    default double[] eigenvalues(SymmetricOperator op, int k, Spectrum which) {
        return solve(op, k, which, null).values();
    }
}
