package org.spinmon.analyzer.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Extreme eigenpairs of an implicit symmetric operator by the thick-restart Lanczos method (Wu and Simon,
 * SIAM J. Matrix Anal. Appl. 22, 2000) with full reorthogonalisation and locking.
 *
 * <p>The Krylov basis v_1 … v_m is built from one start vector; every new vector is orthogonalised twice
 * against the basis and the locked vectors, a second time whenever the first pass removed more than
 * 1 − 1/√2 of its norm (Daniel, Gragg, Kaufman and Stewart's criterion; "twice is enough"), and the coefficients form the projected
 * matrix H_m = Vᵀ A V (tridiagonal until the first restart, arrowhead-plus-tridiagonal after), diagonalised
 * by EJML for Ritz pairs (θ, y = V s). Since A V = V H + w e_mᵀ, a Ritz pair's residual is
 * ‖A y − θ y‖ = ‖w‖·|s_m|; it has converged when that is ≤ {@code tolerance} · max|θ|. Converged extreme
 * pairs are locked and purged from the basis; when the basis is full it is compressed to the best Ritz
 * vectors plus the residual direction (the thick restart), which keeps the convergence of clustered
 * eigenvalues that explicit restarts lose. For k ≥ 2 a last search from a fresh random vector checks that
 * no eigenvalue beyond the k found was missed: a Krylov space from one vector holds one copy of a
 * degenerate eigenvalue.
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
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], was " + k);
        }
        if (start != null && start.length != n) {
            throw new IllegalArgumentException("start has length " + start.length + ", the operator " + n);
        }
        Search search = new Search(op, which, new SplittableRandom(seed));
        search.run(start == null ? null : perturbed(start, search.random), k);
        if (k >= 2 && k < n) {
            search.verifyNoneMissed(k);
        }
        return search.result(k);
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

    /** The state of one {@link #solve} call: the operator, the locked pairs, the counters. */
    private final class Search {
        final SymmetricOperator op;
        final Spectrum which;
        final SplittableRandom random;
        final List<double[]> lockedVectors = new ArrayList<>();
        final List<Double> lockedValues = new ArrayList<>();
        int matvecs;

        Search(SymmetricOperator op, Spectrum which, SplittableRandom random) {
            this.op = op;
            this.which = which;
            this.random = random;
        }

        /** Locks {@code want} more pairs (fewer only if the complement of the locked ones is exhausted). */
        void run(double[] startOrNull, int want) {
            int n = op.dimension();
            int goal = lockedValues.size() + want;
            // The basis must hold the wanted pairs and room to grow: at least 2·want + 20 vectors.
            int maxM = Math.min(n, Math.max(maxSteps, 2 * want + 20));
            double[][] basis = new double[maxM + 1][];
            double[][] h = new double[maxM][maxM];
            basis[0] = startVector(startOrNull);
            int m = 0;
            int nextCheck = 5;
            int stalled = 0;
            while (lockedValues.size() < goal) {
                double[] w = new double[n];
                op.apply(basis[m], w);
                matvecs++;
                double before = Vectors.norm(w);
                for (int pass = 0; pass < 2; pass++) {
                    for (int j = 0; j <= m; j++) {
                        double c = Vectors.dot(w, basis[j]);
                        Vectors.axpy(-c, basis[j], w);
                        h[j][m] += c;
                    }
                    for (double[] u : lockedVectors) {
                        Vectors.axpy(-Vectors.dot(w, u), u, w);
                    }
                    // Daniel–Gragg–Kaufman–Stewart: a second pass only when the first cancelled much of w.
                    double after = Vectors.norm(w);
                    if (after > 0.7071 * before) {
                        break;
                    }
                    before = after;
                }
                for (int j = 0; j < m; j++) {
                    h[m][j] = h[j][m];
                }
                double beta = Vectors.norm(w);
                m++;
                int room = n - lockedValues.size();
                boolean full = m == maxM || m == room;
                if (!(full || m <= 4 || m >= nextCheck)) {
                    basis[m] = scaled(w, beta);
                    continue;
                }
                // Checking costs an O(m³) eigendecomposition: every 5 steps while m is small, then every m/8.
                nextCheck = m + Math.max(5, m / 8);
                Ritz ritz = ritz(h, m, beta);
                boolean invariant = beta <= 1e-13 * Math.max(ritz.scale, Double.MIN_NORMAL) || m == room;
                int need = goal - lockedValues.size();
                int converged = invariant ? Math.min(need, m) : ritz.converged(need, tolerance);
                for (int i = 0; i < converged; i++) {
                    lockedVectors.add(ritz.vector(i, basis, m));
                    lockedValues.add(ritz.values[i]);
                }
                if (lockedValues.size() >= goal) {
                    return;
                }
                if (invariant) {
                    // The Krylov space is exhausted: continue from a fresh vector in the complement.
                    basis = new double[maxM + 1][];
                    h = new double[maxM][maxM];
                    basis[0] = startVector(null);
                    m = 0;
                    nextCheck = 5;
                    continue;
                }
                if (converged == 0 && !full) {
                    basis[m] = scaled(w, beta);
                    continue;
                }
                stalled = converged > 0 ? 0 : stalled + 1;
                if (stalled > maxRestarts) {
                    throw new ArithmeticException("Lanczos did not converge: " + lockedValues.size() + " of " + goal
                            + " eigenpairs after " + matvecs + " operator applications");
                }
                // Thick restart: keep the next best Ritz vectors, then the residual direction.
                // Keep the unconverged wanted pairs plus a margin, at most half the basis, so that every round
                // adds at least maxM/2 fresh Krylov vectors.
                int keep = Math.min(Math.min(m - converged, maxM - 1), Math.max(need - converged + 10, maxM / 2));
                double[][] kept = new double[maxM + 1][];
                double[][] hk = new double[maxM][maxM];
                for (int i = 0; i < keep; i++) {
                    kept[i] = ritz.vector(converged + i, basis, m);
                    hk[i][i] = ritz.values[converged + i];
                }
                kept[keep] = scaled(w, beta);
                basis = kept;
                h = hk;
                m = keep;
                nextCheck = m + Math.max(5, m / 8);
            }
        }

        private double[] scaled(double[] w, double beta) {
            double inv = 1 / beta;
            for (int i = 0; i < w.length; i++) {
                w[i] *= inv;
            }
            return w;
        }

        private double[] startVector(double[] candidate) {
            int n = op.dimension();
            for (int attempt = 0; attempt < 10; attempt++) {
                double[] v = candidate != null && attempt == 0 ? candidate.clone() : Vectors.gaussian(n, random);
                double before = Vectors.norm(v);
                for (int pass = 0; pass < 2; pass++) {
                    for (double[] u : lockedVectors) {
                        Vectors.axpy(-Vectors.dot(v, u), u, v);
                    }
                }
                if (Vectors.normalize(v) > 1e-8 * before) {
                    return v;
                }
            }
            throw new ArithmeticException("cannot find a start vector outside the locked subspace");
        }

        /** Searches once more from a fresh random vector for eigenvalues beyond the k-th (missed copies). */
        void verifyNoneMissed(int k) {
            for (int extra = 0; extra < k && lockedValues.size() < op.dimension(); extra++) {
                int before = lockedValues.size();
                run(null, 1);
                if (lockedValues.size() == before) {
                    return;
                }
                double found = lockedValues.get(before);
                double kth = sorted().get(k - 1);
                double scale = Math.max(Math.abs(found), Math.abs(kth));
                boolean beyond = which == Spectrum.LARGEST ? found > kth + tolerance * scale
                        : found < kth - tolerance * scale;
                if (!beyond) {
                    return;
                }
            }
        }

        private List<Double> sorted() {
            List<Double> values = new ArrayList<>(lockedValues);
            values.sort(which == Spectrum.LARGEST ? (a, b) -> Double.compare(b, a) : Double::compare);
            return values;
        }

        EigenPairs result(int k) {
            Integer[] order = new Integer[lockedValues.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> which == Spectrum.LARGEST
                    ? Double.compare(lockedValues.get(b), lockedValues.get(a))
                    : Double.compare(lockedValues.get(a), lockedValues.get(b)));
            double[] values = new double[k];
            double[][] vectors = new double[k][];
            for (int i = 0; i < k; i++) {
                values[i] = lockedValues.get(order[i]);
                vectors[i] = lockedVectors.get(order[i]);
            }
            return new EigenPairs(values, vectors, matvecs);
        }

        private Ritz ritz(double[][] h, int m, double beta) {
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
    }

    /** Ritz pairs of one projected matrix, ordered from the extreme inward. */
    private record Ritz(double[] values, double[][] s, double[] residuals, double scale) {

        int converged(int need, double tolerance) {
            int c = 0;
            while (c < Math.min(need, values.length) && residuals[c] <= tolerance * Math.max(scale, Double.MIN_NORMAL)) {
                c++;
            }
            return c;
        }

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
