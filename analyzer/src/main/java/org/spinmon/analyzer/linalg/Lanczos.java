package org.spinmon.analyzer.linalg;

import java.util.SplittableRandom;

/**
 * Extreme eigenpairs of an implicit symmetric operator by the thick-restart Lanczos method (Wu and Simon,
 * SIAM J. Matrix Anal. Appl. 22, 2000) with full reorthogonalisation and locking.
 *
 * <p>The Krylov basis v_1 … v_m is built from one start vector; every new vector is orthogonalised against
 * the previous two, then against the whole basis and the locked vectors, once more whenever that pass removed
 * more than 1 − 1/√2 of its norm (Daniel, Gragg, Kaufman and Stewart's criterion; "twice is enough"). The
 * coefficients form the projected matrix H_m = Vᵀ A V: the Lanczos tridiagonal until the first restart,
 * whose Ritz values and residuals an O(m²) QL iteration gives ({@link TridiagonalEigen}), and
 * arrowhead-plus-tridiagonal after, diagonalised by EJML. Since A V = V H + w e_mᵀ, a Ritz pair's residual
 * is ‖A y − θ y‖ = ‖w‖·|s_m|; it has converged when that is ≤ {@code tolerance} · max|θ|. When all wanted
 * pairs have converged they are locked (Ritz vectors y = V s); when the basis is full first, the converged
 * ones are locked and the basis is compressed to the best Ritz vectors plus the residual direction (the thick
 * restart), which keeps the convergence of clustered eigenvalues that explicit restarts lose. For k ≥ 2 a
 * last search from a fresh random vector checks that no eigenvalue beyond the k found was missed: a Krylov
 * space from one vector holds one copy of a degenerate eigenvalue. {@link LanczosSession} runs one solve a
 * product at a time.
 *
 * <p>Plain power iteration is never used: the bond matrices are bipartite, with ±ρ both in the spectrum,
 * where it converges to a mixture (spin-model.md §9, pitfall 3). Cost per round: m operator applications
 * plus O(m²·n) for reorthogonalisation; memory m·n doubles.
 */
public final class Lanczos implements ExtremeEigensolver {

    private final int maxSteps;
    private final double tolerance;
    private final long seed;
    private final int maxRestarts;

    private Lanczos(Builder b) {
        this.maxSteps = b.maxSteps;
        this.tolerance = b.tolerance;
        this.seed = b.seed;
        this.maxRestarts = b.maxRestarts;
    }

    /** @return a solver with the default settings (300 steps per round, tolerance 1e-10, seed 1, 50 restarts) */
    public static Lanczos standard() {
        return builder().build();
    }

    /** @return a builder with the default settings */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link Lanczos} solver. */
    public static final class Builder {
        private int maxSteps = 300;
        private double tolerance = 1e-10;
        private long seed = 1;
        private int maxRestarts = 50;

        private Builder() {
        }

        /** Largest Krylov dimension of one round (≥ 2); larger costs memory m·n, smaller costs restarts. */
        public Builder maxSteps(int maxSteps) {
            if (maxSteps < 2) {
                throw new IllegalArgumentException("maxSteps must be >= 2, was " + maxSteps);
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /** Relative residual at which a Ritz pair counts as converged, in (0, 1). */
        public Builder tolerance(double tolerance) {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** Seed of the random start vectors: results are reproducible. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Rounds without any newly converged pair before giving up with an {@link ArithmeticException}. */
        public Builder maxRestarts(int maxRestarts) {
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("maxRestarts must be >= 0, was " + maxRestarts);
            }
            this.maxRestarts = maxRestarts;
            return this;
        }

        /** @return the solver */
        public Lanczos build() {
            return new Lanczos(this);
        }
    }

    @Override
    public EigenPairs solve(SymmetricOperator op, int k, Spectrum which, double[] start) {
        int n = op.dimension();
        LanczosSession session = session(n, k, which, start);
        while (!session.done()) {
            double[] product = new double[n];
            op.apply(session.nextVector(), product);
            session.accept(product);
        }
        return session.result();
    }

    /**
     * Starts a solve to be driven one product at a time, as {@link #solve} does with an operator of dimension n.
     *
     * @param start a warm start (a small random component is added so that it reaches every eigenvector), or
     *              {@code null} for a seeded random one
     */
    public LanczosSession session(int n, int k, Spectrum which, double[] start) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], was " + k);
        }
        if (start != null && start.length != n) {
            throw new IllegalArgumentException("start has length " + start.length + ", the operator " + n);
        }
        Krylov krylov = new Krylov(n, which, seed, tolerance);
        return new LanczosSession(krylov, k, maxSteps, maxRestarts,
                start == null ? null : perturbed(start, krylov.random));
    }

    /**
     * The k extreme eigenvalues without eigenvectors, which makes them cheaper: no restarts and no Ritz vectors
     * ({@link LanczosValues}); the search for missed degenerate copies as in {@link #solve}.
     *
     * @return the k extreme eigenvalues, from the extreme inward
     */
    @Override
    public double[] eigenvalues(SymmetricOperator op, int k, Spectrum which) {
        int n = op.dimension();
        LanczosValues solve = valuesSession(n, k, which);
        while (!solve.done()) {
            double[] product = new double[n];
            op.apply(solve.nextVector(), product);
            solve.accept(product);
        }
        return solve.values();
    }

    /** Starts an {@link #eigenvalues} solve to be driven one product at a time, for an operator of dimension n. */
    public LanczosValues valuesSession(int n, int k, Spectrum which) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], was " + k);
        }
        return new LanczosValues(this, new Krylov(n, which, seed, tolerance), k, maxSteps);
    }

    /** A start vector plus a small random component, so that it reaches every eigenvector (a warm start). */
    private static double[] perturbed(double[] start, SplittableRandom random) {
        double[] v = start.clone();
        double norm = Vectors.norm(v);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            return null;
        }
        double[] noise = Vectors.gaussian(v.length, random);
        Vectors.axpy(1e-3 * norm / Math.max(1e-300, Vectors.norm(noise)), noise, v);
        return v;
    }
}
