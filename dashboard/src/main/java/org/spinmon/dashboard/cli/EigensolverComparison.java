package org.spinmon.dashboard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.spinmon.analyzer.linalg.EigenPairs;
import org.spinmon.analyzer.linalg.ExtremeEigensolver;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.linalg.SymmetricOperator;
import org.spinmon.analyzer.spin.Couplings;
import org.spinmon.analyzer.spin.LayeredCouplings;
import org.spinmon.analyzer.spin.OrderAnalysis;
import org.spinmon.analyzer.spin.SpinLayout;

/**
 * {@code spinmon bench --eigensolvers}: spinmon's thick-restart Lanczos against ARPACK's Java translation on
 * the eigenproblems one analysis solves, on random-init snapshots: the top 5 eigenvalues of J, ρ(J∘J) (for
 * T_SG), and λ_min(H_0(T)) at T = T_SG (the hardest point of the Hessian scan: the glass's touching edge).
 * Each solve runs once to warm up, then {@code repeat} times; the median time, the operator applications and
 * the largest difference of the eigenvalues found are printed.
 */
final class EigensolverComparison {

    private final PrintWriter out;
    private final int repeat;

    EigensolverComparison(PrintWriter out, int repeat) {
        this.out = out;
        this.repeat = repeat;
    }

    void run(List<int[]> sizes, long seed) {
        ExtremeEigensolver lanczos = Lanczos.standard();
        ExtremeEigensolver arpack = new ArpackEigensolver();
        out.printf(Locale.ROOT, "%-24s %-16s %12s %8s %12s %8s %12s%n", "widths", "problem", "lanczos_s",
                "l_mv", "arpack_s", "a_mv", "max_diff");
        for (int[] widths : sizes) {
            Couplings j = LayeredCouplings.of(SyntheticSnapshots.xavier(widths, seed, 0), SpinLayout.DEFAULT);
            double tSg = Math.sqrt(lanczos.solve(j.squaredOperator(), 1, Spectrum.LARGEST, null).value(0));
            String name = String.join("-", Arrays.stream(widths).mapToObj(Integer::toString).toList());
            compare(name, "top5(J)", j.operator(), 5, Spectrum.LARGEST, lanczos, arpack);
            compare(name, "rho(J∘J)", j.squaredOperator(), 1, Spectrum.LARGEST, lanczos, arpack);
            compare(name, "lmin(H0(T_SG))", OrderAnalysis.hessian(j, tSg), 1, Spectrum.SMALLEST, lanczos, arpack);
            out.flush();
        }
    }

    private void compare(String name, String problem, SymmetricOperator op, int k, Spectrum which,
                         ExtremeEigensolver lanczos, ExtremeEigensolver arpack) {
        double[] l = time(lanczos, op, k, which);
        double[] a = time(arpack, op, k, which);
        EigenPairs lp = lanczos.solve(op, k, which, null);
        EigenPairs ap = arpack.solve(op, k, which, null);
        double diff = 0;
        for (int i = 0; i < k; i++) {
            diff = Math.max(diff, Math.abs(lp.value(i) - ap.value(i)));
        }
        out.printf(Locale.ROOT, "%-24s %-16s %12.4f %8d %12.4f %8d %12.2e%n", name, problem, l[0], (int) l[1], a[0],
                (int) a[1], diff);
    }

    private double[] time(ExtremeEigensolver solver, SymmetricOperator op, int k, Spectrum which) {
        solver.solve(op, k, which, null);
        List<double[]> runs = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            long t = System.nanoTime();
            EigenPairs p = solver.solve(op, k, which, null);
            runs.add(new double[]{(System.nanoTime() - t) / 1e9, p.matvecs()});
        }
        runs.sort((x, y) -> Double.compare(x[0], y[0]));
        return runs.get(runs.size() / 2);
    }
}
