package org.spinmon.analyzer.linalg;

import java.util.SplittableRandom;

/** Small dense-vector kernels shared by the solvers. Static methods only. */
public final class Vectors {

    private Vectors() {
    }

    /** @return x·y, on the {@link DenseKernel#preferred() preferred kernel} */
    public static double dot(double[] x, double[] y) {
        return DenseKernel.preferred().dot(x, y);
    }

    /** @return ‖x‖₂, scaled against overflow */
    public static double norm(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0 || !Double.isFinite(max)) {
            return max;
        }
        double s = 0;
        for (double v : x) {
            double r = v / max;
            s += r * r;
        }
        return max * Math.sqrt(s);
    }

    /** y += a·x */
    public static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    /** Scales x to unit length in place; returns the former norm (0 leaves x unchanged). */
    public static double normalize(double[] x) {
        double n = norm(x);
        if (n > 0) {
            double inv = 1 / n;
            for (int i = 0; i < x.length; i++) {
                x[i] *= inv;
            }
        }
        return n;
    }

    /** @return a vector of n independent standard normal entries from {@code random} */
    public static double[] gaussian(int n, SplittableRandom random) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            x[i] = Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
        }
        return x;
    }
}
