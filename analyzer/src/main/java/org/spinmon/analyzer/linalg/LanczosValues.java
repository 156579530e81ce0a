package org.spinmon.analyzer.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@link Lanczos#eigenvalues} solve driven one operator product at a time ({@link IterativeSolve}): the k
 * extreme eigenvalues without eigenvectors. Krylov runs of up to max(maxSteps, 8·want + 100) vectors that are
 * never restarted (a fresh one whenever the space is invariant), their tridiagonal projections tested in
 * O(m²), no Ritz vectors formed; each finished run's basis joins the deflation set. For k ≥ 2 runs from fresh
 * random vectors orthogonal to all earlier bases then search for eigenvalues beyond the k-th (an exact
 * eigenvector missed by a run is an eigenvector of the compressed operator too). When a run would need a
 * larger basis, the solve starts over as a {@link LanczosSession} (thick restarts) and takes its values.
 */
public final class LanczosValues implements IterativeSolve {

    private final Lanczos solver;
    private final Krylov krylov;
    private final int k;
    private final int maxSteps;
    private final List<Double> values = new ArrayList<>();

    private int goal;
    private int maxM;
    private double[][] basis;
    private double[] alpha;
    private double[] beta;
    private int m;
    private int nextCheck;

    private boolean verifying;
    private int extra;
    private int before;
    private LanczosSession fallback;
    private boolean done;

    LanczosValues(Lanczos solver, Krylov krylov, int k, int maxSteps) {
        this.solver = solver;
        this.krylov = krylov;
        this.k = k;
        this.maxSteps = maxSteps;
        goal = k;
        beginRun();
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public double[] nextVector() {
        if (done) {
            return null;
        }
        return fallback != null ? fallback.nextVector() : basis[m];
    }

    @Override
    public void accept(double[] product) {
        if (done) {
            throw new IllegalStateException("the solve has finished");
        }
        if (fallback != null) {
            fallback.accept(product);
            done = fallback.done();
        } else {
            step(product);
        }
    }

    /** @return the k extreme eigenvalues, from the extreme inward */
    public double[] values() {
        if (!done) {
            throw new IllegalStateException("the solve has not finished");
        }
        if (fallback != null) {
            return fallback.result().values();
        }
        return krylov.sorted(values).stream().limit(k).mapToDouble(Double::doubleValue).toArray();
    }

    /** A fresh Krylov run towards the current goal. */
    private void beginRun() {
        int want = goal - values.size();
        maxM = Math.min(krylov.n, Math.max(maxSteps, 8 * want + 100));
        basis = new double[maxM + 1][];
        alpha = new double[maxM];
        beta = new double[maxM];
        basis[0] = krylov.startVector(null);
        m = 0;
        nextCheck = 1;
    }

    private void step(double[] w) {
        alpha[m] = krylov.orthogonalise(w, basis, m, null);
        double b = Vectors.norm(w);
        beta[m] = b;
        m++;
        int room = krylov.n - krylov.deflation.size();
        if (m < room && m < maxM && m < nextCheck) {
            basis[m] = Krylov.scaled(w, b);
            return;
        }
        nextCheck = m + Math.max(1, m / 16);
        Krylov.Ritz ritz = krylov.tridiagonalRitz(alpha, beta, m);
        boolean invariant = b <= 1e-13 * Math.max(ritz.scale(), Double.MIN_NORMAL) || m == room;
        int need = goal - values.size();
        int converged = invariant ? Math.min(need, m) : ritz.converged(need, krylov.tolerance);
        if (converged >= need || invariant) {
            for (int i = 0; i < converged; i++) {
                values.add(ritz.values()[i]);
            }
            krylov.deflation.addAll(Arrays.asList(basis).subList(0, m));
            if (values.size() < goal) {
                beginRun();
            } else {
                runFinished();
            }
            return;
        }
        if (m == maxM) {
            fallback = solver.session(krylov.n, k, krylov.which, null);
            return;
        }
        basis[m] = Krylov.scaled(w, b);
    }

    /** The main run or a verification run has its values: verify, or finish. */
    private void runFinished() {
        if (verifying && (values.size() == before || !krylov.beyond(values.get(before),
                krylov.sorted(values).get(k - 1)))) {
            done = true;
            return;
        }
        if (verifying) {
            extra++;
        }
        verifying = true;
        if (k < 2 || extra >= k || krylov.deflation.size() >= krylov.n) {
            done = true;
            return;
        }
        before = values.size();
        goal = values.size() + 1;
        beginRun();
    }
}
