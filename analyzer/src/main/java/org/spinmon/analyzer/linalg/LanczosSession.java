package org.spinmon.analyzer.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@link Lanczos} solve of eigenpairs driven one operator product at a time ({@link IterativeSolve}).
 * {@link Lanczos#solve} is this loop; driving several sessions in lockstep lets their products share passes
 * over a large operator (several temperatures of the Hessian scan, for example).
 *
 * <p>Each Krylov run locks {@code want} pairs (fewer only if the complement of the locked ones is exhausted).
 * While no thick restart has happened the projected matrix is the Lanczos tridiagonal (the
 * reorthogonalisation coefficients beyond it are rounding noise), tested in O(m²); pairs are locked only when
 * all wanted ones have converged, the Krylov space is invariant, or the basis is full, which is when the thick
 * restart compresses it and the projection becomes dense (arrowhead plus tridiagonal). For k ≥ 2 the solve
 * then searches from fresh random vectors for eigenvalues beyond the k-th (missed degenerate copies).
 */
public final class LanczosSession implements IterativeSolve {

    private final Krylov krylov;
    private final int k;
    private final int maxSteps;
    private final int maxRestarts;
    private final List<double[]> lockedVectors = new ArrayList<>();
    private final List<Double> lockedValues = new ArrayList<>();
    private int matvecs;

    private int goal;
    private int maxM;
    private double[][] basis;
    private double[] alpha;
    private double[] beta;
    private double[][] h;
    private int m;
    private int nextCheck;
    private int stalled;

    private boolean verifying;
    private int extra;
    private int lockedBefore;
    private boolean done;

    LanczosSession(Krylov krylov, int k, int maxSteps, int maxRestarts, double[] start) {
        this.krylov = krylov;
        this.k = k;
        this.maxSteps = maxSteps;
        this.maxRestarts = maxRestarts;
        beginRun(start, k);
    }

    /** @return whether the solve has finished: {@link #result()} is ready */
    @Override
    public boolean done() {
        return done;
    }

    @Override
    public double[] nextVector() {
        return done ? null : basis[m];
    }

    /**
     * {@inheritDoc}
     *
     * @throws ArithmeticException if the solve does not converge within the solver's restarts
     */
    @Override
    public void accept(double[] product) {
        if (done) {
            throw new IllegalStateException("the solve has finished");
        }
        matvecs++;
        if (step(product)) {
            runFinished();
        }
    }

    /** @return the k extreme pairs, ordered from the extreme inward */
    public EigenPairs result() {
        if (!done) {
            throw new IllegalStateException("the solve has not finished");
        }
        Integer[] order = new Integer[lockedValues.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> krylov.which == Spectrum.LARGEST
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

    private void beginRun(double[] start, int want) {
        goal = lockedValues.size() + want;
        // The basis must hold the wanted pairs and room to grow: at least 2·want + 20 vectors.
        maxM = Math.min(krylov.n, Math.max(maxSteps, 2 * want + 20));
        basis = new double[maxM + 1][];
        alpha = new double[maxM];
        beta = new double[maxM];
        h = null;
        basis[0] = krylov.startVector(start);
        m = 0;
        nextCheck = 1;
        stalled = 0;
    }

    /** The main run or a verification run has locked its pairs: verify, or finish. */
    private void runFinished() {
        if (verifying && (lockedValues.size() == lockedBefore || !krylov.beyond(lockedValues.get(lockedBefore),
                krylov.sorted(lockedValues).get(k - 1)))) {
            done = true;
            return;
        }
        if (verifying) {
            extra++;
        }
        verifying = true;
        if (k < 2 || k >= krylov.n || extra >= k || krylov.deflation.size() >= krylov.n) {
            done = true;
            return;
        }
        lockedBefore = lockedValues.size();
        beginRun(null, 1);
    }

    /** Processes w = A·basis[m]; returns whether the run has locked its goal. */
    private boolean step(double[] w) {
        alpha[m] = krylov.orthogonalise(w, basis, m, h);
        double b = Vectors.norm(w);
        beta[m] = b;
        m++;
        int room = krylov.n - krylov.deflation.size();
        boolean full = m == maxM || m == room;
        if (!(full || m >= nextCheck)) {
            basis[m] = Krylov.scaled(w, b);
            return false;
        }
        // A tridiagonal test costs O(m²): every step while m is small, then every m/16 steps. A dense
        // one costs an O(m³) eigendecomposition: every 5 steps, then every m/8.
        nextCheck = m + (h == null ? Math.max(1, m / 16) : Math.max(5, m / 8));
        Krylov.Ritz ritz = h == null ? krylov.tridiagonalRitz(alpha, beta, m) : krylov.denseRitz(h, m, b);
        boolean invariant = b <= 1e-13 * Math.max(ritz.scale(), Double.MIN_NORMAL) || m == room;
        int need = goal - lockedValues.size();
        int converged = invariant ? Math.min(need, m) : ritz.converged(need, krylov.tolerance);
        if (converged < need && !invariant && !full) {
            basis[m] = Krylov.scaled(w, b);
            return false;
        }
        if (h == null) {
            ritz = krylov.denseRitz(Krylov.tridiagonal(alpha, beta, m), m, b);
        }
        for (int i = 0; i < converged; i++) {
            double[] y = ritz.vector(i, basis, m);
            lockedVectors.add(y);
            krylov.deflation.add(y);
            lockedValues.add(ritz.values()[i]);
        }
        if (lockedValues.size() >= goal) {
            return true;
        }
        if (invariant) {
            // The Krylov space is exhausted: continue from a fresh vector in the complement.
            basis = new double[maxM + 1][];
            h = null;
            basis[0] = krylov.startVector(null);
            m = 0;
            nextCheck = 1;
            return false;
        }
        stalled = converged > 0 ? 0 : stalled + 1;
        if (stalled > maxRestarts) {
            throw new ArithmeticException("Lanczos did not converge: " + lockedValues.size() + " of " + goal
                    + " eigenpairs after " + matvecs + " operator applications");
        }
        // Thick restart: keep the next best Ritz vectors, then the residual direction. Keep the unconverged
        // wanted pairs plus a margin, at most half the basis, so that every round adds at least maxM/2 fresh
        // Krylov vectors.
        int keep = Math.min(Math.min(m - converged, maxM - 1), Math.max(need - converged + 10, maxM / 2));
        double[][] kept = new double[maxM + 1][];
        double[][] hk = new double[maxM][maxM];
        for (int i = 0; i < keep; i++) {
            kept[i] = ritz.vector(converged + i, basis, m);
            hk[i][i] = ritz.values()[converged + i];
        }
        kept[keep] = Krylov.scaled(w, b);
        basis = kept;
        h = hk;
        m = keep;
        nextCheck = m + Math.max(5, m / 8);
        return false;
    }
}
