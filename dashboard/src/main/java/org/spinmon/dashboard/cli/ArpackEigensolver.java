package org.spinmon.dashboard.cli;

import dev.ludovic.netlib.arpack.JavaARPACK;
import java.util.Arrays;
import org.netlib.util.doubleW;
import org.netlib.util.intW;
import org.spinmon.analyzer.linalg.DenseEigensolver;
import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.ExtremeEigensolver;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.linalg.SymmetricOperator;
import org.spinmon.analyzer.linalg.Vectors;

/**
 * ARPACK's implicitly restarted Lanczos (dsaupd/dseupd) in its Java translation (F2J, via
 * dev.ludovic.netlib), behind the {@link ExtremeEigensolver} interface: the alternative to spinmon's own
 * thick-restart Lanczos that {@code spinmon bench --eigensolvers} measures. Krylov dimension
 * ncv = min(n, max(2k + 1, 20)), tolerance 1e-10 (relative, as ARPACK defines it), a fixed start vector of ones
 * unless a warm start is given.
 */
public final class ArpackEigensolver implements ExtremeEigensolver {

    @Override
    public EigenPairs solve(SymmetricOperator op, int k, Spectrum which, double[] start) {
        int n = op.dimension();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], was " + k);
        }
        if (k == n || n < 3) {
            return new DenseEigensolver().solve(op, k, which, start);
        }
        // ARPACK needs nev < n and ncv in (nev, n].
        int ncv = Math.min(n, Math.max(2 * k + 1, 20));
        String mode = which == Spectrum.LARGEST ? "LA" : "SA";
        JavaARPACK arpack = JavaARPACK.getInstance();
        intW ido = new intW(0);
        intW info = new intW(1);
        doubleW tol = new doubleW(1e-10);
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            resid[i] = start == null ? 1 : start[i];
        }
        double[] v = new double[n * ncv];
        int[] iparam = new int[11];
        iparam[0] = 1;
        iparam[2] = 3000;
        iparam[6] = 1;
        int[] ipntr = new int[11];
        double[] workd = new double[3 * n];
        int lworkl = ncv * (ncv + 8);
        double[] workl = new double[lworkl];
        double[] x = new double[n];
        double[] y = new double[n];
        int matvecs = 0;
        while (true) {
            arpack.dsaupd(ido, "I", n, mode, k, tol, resid, ncv, v, n, iparam, ipntr, workd, workl, lworkl, info);
            if (ido.val != -1 && ido.val != 1) {
                break;
            }
            System.arraycopy(workd, ipntr[0] - 1, x, 0, n);
            op.apply(x, y);
            matvecs++;
            System.arraycopy(y, 0, workd, ipntr[1] - 1, n);
        }
        if (info.val < 0 || info.val == 1) {
            throw new ArithmeticException("ARPACK dsaupd failed with info " + info.val);
        }
        double[] d = new double[k];
        double[] z = new double[n * k];
        intW einfo = new intW(0);
        arpack.dseupd(true, "A", new boolean[ncv], d, z, n, 0, "I", n, mode, new intW(k), tol.val, resid, ncv, v, n,
                iparam, ipntr, workd, workl, lworkl, einfo);
        if (einfo.val != 0) {
            throw new ArithmeticException("ARPACK dseupd failed with info " + einfo.val);
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> which == Spectrum.LARGEST ? Double.compare(d[b], d[a])
                : Double.compare(d[a], d[b]));
        double[] values = new double[k];
        double[][] vectors = new double[k][n];
        for (int i = 0; i < k; i++) {
            values[i] = d[order[i]];
            System.arraycopy(z, order[i] * n, vectors[i], 0, n);
            Vectors.normalize(vectors[i]);
        }
        return new EigenPairs(values, vectors, matvecs);
    }
}
