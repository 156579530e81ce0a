package org.spinmon.analyzer.linalg;

import java.util.Arrays;

/**
 * Eigenvalues of a symmetric tridiagonal matrix together with the last component of each unit eigenvector,
 * by the implicit QL method (EISPACK's tql2, in the form of JAMA) accumulating only the last row of the
 * eigenvector matrix: O(m²) instead of the O(m³) of a full decomposition. The last components are what a
 * Lanczos convergence test needs (a Ritz pair's residual is β_m·|s_m|); ARPACK's dstqrb does the same.
 */
final class TridiagonalEigen {

    private static final double EPS = Math.ulp(1.0);

    private TridiagonalEigen() {
    }

    /**
     * @param diagonal    the m diagonal entries (not modified)
     * @param offDiagonal entry i couples rows i and i + 1, for i &lt; m − 1 (not modified)
     * @param m           the order
     * @return {eigenvalues ascending, last components of the matching unit eigenvectors}
     * @throws ArithmeticException if an eigenvalue needs more than 60 QL iterations
     */
    static double[][] valuesAndLastComponents(double[] diagonal, double[] offDiagonal, int m) {
        double[] d = new double[m];
        double[] e = new double[m];
        double[] z = new double[m];
        System.arraycopy(diagonal, 0, d, 0, m);
        System.arraycopy(offDiagonal, 0, e, 0, m - 1);
        z[m - 1] = 1;
        double f = 0;
        double tst1 = 0;
        for (int l = 0; l < m; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int k = l;
            while (k < m && Math.abs(e[k]) > EPS * tst1) {
                k++;
            }
            if (k > l) {
                int iterations = 0;
                do {
                    if (++iterations > 60) {
                        throw new ArithmeticException("QL iteration on a tridiagonal matrix did not converge");
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < m; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[k];
                    double c = 1;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0;
                    double s2 = 0;
                    for (int i = k - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        h = z[i + 1];
                        z[i + 1] = s * z[i] + c * h;
                        z[i] = c * z[i] - s * h;
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > EPS * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
        sortAscending(d, z);
        return new double[][]{d, z};
    }

    /** √(a² + b²) without overflow; cheaper than {@link Math#hypot}, which is exact to the last bit. */
    private static double hypot(double a, double b) {
        double x = Math.abs(a);
        double y = Math.abs(b);
        double big = Math.max(x, y);
        if (big == 0) {
            return 0;
        }
        double ratio = Math.min(x, y) / big;
        return big * Math.sqrt(1 + ratio * ratio);
    }

    private static void sortAscending(double[] d, double[] z) {
        Integer[] order = new Integer[d.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
        double[] dc = d.clone();
        double[] zc = z.clone();
        for (int i = 0; i < order.length; i++) {
            d[i] = dc[order[i]];
            z[i] = zc[order[i]];
        }
    }
}
