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
        int n = checkArguments(op, k, start);
        Search search = new Search(op, which, new SplittableRandom(seed), false);
        search.run(start == null ? null : perturbed(start, search.random), k);
        if (k >= 2 && k < n) {
            search.verifyNoneMissed(k);
        }
        return search.result(k);
    }

    /**
     * The k extreme eigenvalues without eigenvectors, which makes them cheaper: one Krylov basis of up to
     * max(maxSteps, 8k + 100) vectors that is never restarted, its tridiagonal projection tested in O(m²) per
     * check, and no Ritz vectors formed. The search for missed degenerate copies runs as in {@link #solve}, from
     * a fresh vector orthogonal to the whole basis (an exact eigenvector missed there is an eigenvector of the
     * compressed operator too). Falls back to {@link #solve} when that basis would not suffice.
     *
     * @return the k extreme eigenvalues, from the extreme inward
     */
    @Override
    public double[] eigenvalues(SymmetricOperator op, int k, Spectrum which) {
        int n = checkArguments(op, k, null);
        Search search = new Search(op, which, new SplittableRandom(seed), true);
        if (!search.runValues(k)) {
            return solve(op, k, which, null).values();
        }
        if (k >= 2 && k < n && !search.verifyValues(k)) {
            return solve(op, k, which, null).values();
        }
        return search.sortedValues(k);
    }

    private static int checkArguments(SymmetricOperator op, int k, double[] start) {
        int n = op.dimension();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], was " + k);
        }
        if (start != null && start.length != n) {
            throw new IllegalArgumentException("start has length " + start.length + ", the operator " + n);
        }
        return n;
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

    /**
     * The state of one {@link #solve} or {@link #eigenvalues} call: the operator, the locked eigenvalues, the
     * vectors every new Krylov vector is kept orthogonal to (locked Ritz vectors, or in values-only mode the
     * bases of finished Krylov runs), the counters.
     */
    private final class Search {
        final SymmetricOperator op;
        final Spectrum which;
        final SplittableRandom random;
        final boolean valuesOnly;
        final List<double[]> deflation = new ArrayList<>();
        final List<double[]> lockedVectors = new ArrayList<>();
        final List<Double> lockedValues = new ArrayList<>();
        int matvecs;

        Search(SymmetricOperator op, Spectrum which, SplittableRandom random, boolean valuesOnly) {
            this.op = op;
            this.which = which;
            this.random = random;
            this.valuesOnly = valuesOnly;
        }

        /**
         * Locks {@code want} more pairs (fewer only if the complement of the locked ones is exhausted). While no
         * thick restart has happened the projected matrix is the Lanczos tridiagonal (the reorthogonalisation
         * coefficients beyond it are rounding noise), tested cheaply; pairs are locked only when all wanted
         * ones have converged, the Krylov space is invariant, or the basis is full, which is when the thick
         * restart compresses it and the projection becomes dense (arrowhead plus tridiagonal).
         */
        void run(double[] startOrNull, int want) {
            int n = op.dimension();
            int goal = lockedValues.size() + want;
            // The basis must hold the wanted pairs and room to grow: at least 2·want + 20 vectors.
            int maxM = Math.min(n, Math.max(maxSteps, 2 * want + 20));
            double[][] basis = new double[maxM + 1][];
            double[] alpha = new double[maxM];
            double[] beta = new double[maxM];
            double[][] h = null;
            basis[0] = startVector(startOrNull);
            int m = 0;
            int nextCheck = 1;
            int stalled = 0;
            while (lockedValues.size() < goal) {
                double[] w = new double[n];
                op.apply(basis[m], w);
                matvecs++;
                alpha[m] = orthogonalise(w, basis, m, h);
                double b = Vectors.norm(w);
                beta[m] = b;
                m++;
                int room = n - deflation.size();
                boolean full = m == maxM || m == room;
                if (!(full || m >= nextCheck)) {
                    basis[m] = scaled(w, b);
                    continue;
                }
                // A tridiagonal test costs O(m²): every step while m is small, then every m/16 steps. A dense
                // one costs an O(m³) eigendecomposition: every 5 steps, then every m/8.
                nextCheck = m + (h == null ? Math.max(1, m / 16) : Math.max(5, m / 8));
                Ritz ritz = h == null ? tridiagonalRitz(alpha, beta, m) : denseRitz(h, m, b);
                boolean invariant = b <= 1e-13 * Math.max(ritz.scale, Double.MIN_NORMAL) || m == room;
                int need = goal - lockedValues.size();
                int converged = invariant ? Math.min(need, m) : ritz.converged(need, tolerance);
                if (converged < need && !invariant && !full) {
                    basis[m] = scaled(w, b);
                    continue;
                }
                if (h == null) {
                    ritz = denseRitz(tridiagonal(alpha, beta, m), m, b);
                }
                for (int i = 0; i < converged; i++) {
                    double[] y = ritz.vector(i, basis, m);
                    lockedVectors.add(y);
                    deflation.add(y);
                    lockedValues.add(ritz.values[i]);
                }
                if (lockedValues.size() >= goal) {
                    return;
                }
                if (invariant) {
                    // The Krylov space is exhausted: continue from a fresh vector in the complement.
                    basis = new double[maxM + 1][];
                    h = null;
                    basis[0] = startVector(null);
                    m = 0;
                    nextCheck = 1;
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
                kept[keep] = scaled(w, b);
                basis = kept;
                h = hk;
                m = keep;
                nextCheck = m + Math.max(5, m / 8);
            }
        }

        /**
         * Values-only: Krylov runs (a fresh one whenever the space is invariant) until {@code want} more
         * eigenvalues have converged, without restarts and without Ritz vectors; each run's basis joins the
         * deflation set. Returns false when a run would need more than its basis allows.
         */
        boolean runValues(int want) {
            int n = op.dimension();
            int goal = lockedValues.size() + want;
            int maxM = Math.min(n, Math.max(maxSteps, 8 * want + 100));
            while (lockedValues.size() < goal) {
                double[][] basis = new double[maxM + 1][];
                double[] alpha = new double[maxM];
                double[] beta = new double[maxM];
                basis[0] = startVector(null);
                int m = 0;
                int nextCheck = 1;
                while (true) {
                    double[] w = new double[n];
                    op.apply(basis[m], w);
                    matvecs++;
                    alpha[m] = orthogonalise(w, basis, m, null);
                    double b = Vectors.norm(w);
                    beta[m] = b;
                    m++;
                    int room = n - deflation.size();
                    if (m < room && m < maxM && m < nextCheck) {
                        basis[m] = scaled(w, b);
                        continue;
                    }
                    nextCheck = m + Math.max(1, m / 16);
                    Ritz ritz = tridiagonalRitz(alpha, beta, m);
                    boolean invariant = b <= 1e-13 * Math.max(ritz.scale, Double.MIN_NORMAL) || m == room;
                    int need = goal - lockedValues.size();
                    int converged = invariant ? Math.min(need, m) : ritz.converged(need, tolerance);
                    if (converged >= need || invariant) {
                        for (int i = 0; i < converged; i++) {
                            lockedValues.add(ritz.values[i]);
                        }
                        deflation.addAll(Arrays.asList(basis).subList(0, m));
                        break;
                    }
                    if (m == maxM) {
                        return false;
                    }
                    basis[m] = scaled(w, b);
                }
            }
            return true;
        }

        /**
         * Orthogonalises w against basis[0..m] and the deflation set: first against basis[m] and basis[m − 1]
         * (the three-term recurrence, which removes almost all of w), then against all of them, twice when that
         * pass removed more than 1 − 1/√2 of what was left (Daniel–Gragg–Kaufman–Stewart: "twice is enough").
         * Accumulates the coefficients into column m of the dense projection h when there is one; returns the
         * coefficient of basis[m].
         */
        private double orthogonalise(double[] w, double[][] basis, int m, double[][] h) {
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

        /** Searches once more from a fresh random vector for eigenvalues beyond the k-th (missed copies). */
        void verifyNoneMissed(int k) {
            for (int extra = 0; extra < k && deflation.size() < op.dimension(); extra++) {
                int before = lockedValues.size();
                run(null, 1);
                if (lockedValues.size() == before || !beyond(lockedValues.get(before), k)) {
                    return;
                }
            }
        }

        /** As {@link #verifyNoneMissed} in values-only mode; false when a run needs the fallback. */
        boolean verifyValues(int k) {
            for (int extra = 0; extra < k && deflation.size() < op.dimension(); extra++) {
                int before = lockedValues.size();
                if (!runValues(1)) {
                    return false;
                }
                if (lockedValues.size() == before || !beyond(lockedValues.get(before), k)) {
                    return true;
                }
            }
            return true;
        }

        /** @return whether {@code found} lies beyond the k-th locked eigenvalue by more than the tolerance */
        private boolean beyond(double found, int k) {
            double kth = sorted().get(k - 1);
            double scale = Math.max(Math.abs(found), Math.abs(kth));
            return which == Spectrum.LARGEST ? found > kth + tolerance * scale : found < kth - tolerance * scale;
        }

        private List<Double> sorted() {
            List<Double> values = new ArrayList<>(lockedValues);
            values.sort(which == Spectrum.LARGEST ? (a, b) -> Double.compare(b, a) : Double::compare);
            return values;
        }

        double[] sortedValues(int k) {
            return sorted().stream().limit(k).mapToDouble(Double::doubleValue).toArray();
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

        private double[][] tridiagonal(double[] alpha, double[] beta, int m) {
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
        private Ritz tridiagonalRitz(double[] alpha, double[] beta, int m) {
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

        private Ritz denseRitz(double[][] h, int m, double beta) {
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
