package org.spinmon.analyzer.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link DenseKernel} passes, against sums written out entry by entry: shapes around the
 * vector length and the 4-row blocking (remainders of both), row sub-ranges, float32 and float64 storage,
 * A and A∘A; for the batch products a·W and g·Wᵀ, batches of 1 to 33 rows and widths around 1, 2 and 4 vectors
 * (for vectors of 4 and of 8 doubles).
 */
abstract class DenseKernelChecks {

    private static final int[][] SHAPES = {{1, 1}, {1, 9}, {3, 5}, {4, 8}, {5, 17}, {8, 16}, {9, 33}, {13, 100},
        {31, 7}, {64, 65}};

    /** @return the kernel under test */
    abstract DenseKernel kernel();

    private static double[] gaussian(int n, long seed, boolean singles) {
        double[] v = Vectors.gaussian(n, new SplittableRandom(seed));
        if (singles) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }

    private static float[] singles(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-13 * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }

    @Test
    void fusedBlockProductsOfEveryShapeAndRowRange() {
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[] a = gaussian(rows * cols, rows * 31L + cols, true);
            int lo = 2;
            int hi = lo + rows + 3;
            int n = hi + cols + 1;
            double[] x = gaussian(n, 7, false);
            int from = rows / 3;
            int to = rows - rows / 4;
            for (boolean squared : new boolean[]{false, true}) {
                double[] expected = gaussian(n, 8, false);
                double[] yf = expected.clone();
                double[] yd = expected.clone();
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < cols; j++) {
                        double aij = squared ? a[i * cols + j] * a[i * cols + j] : a[i * cols + j];
                        expected[lo + i] += aij * x[hi + j];
                        expected[hi + j] += aij * x[lo + i];
                    }
                }
                kernel().fused(singles(a), cols, from, to, x, yf, lo, hi, squared);
                kernel().fused(a, cols, from, to, x, yd, lo, hi, squared);
                String what = rows + "x" + cols + (squared ? " squared" : "");
                assertClose(expected, yf, "float32 " + what);
                assertClose(expected, yd, "float64 " + what);
            }
        }
    }

    @Test
    void gramProductsOfEveryShapeAndRowRange() {
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[] a = gaussian(rows * cols, rows * 17L + cols, true);
            double[] x = gaussian(cols, 5, false);
            int from = rows / 3;
            int to = rows - rows / 4;
            double[] g0 = gaussian(cols, 11, false);
            double[] gram = g0.clone();
            for (int i = from; i < to; i++) {
                double t = 0;
                for (int j = 0; j < cols; j++) {
                    t += a[i * cols + j] * x[j];
                }
                for (int j = 0; j < cols; j++) {
                    gram[j] += a[i * cols + j] * t;
                }
            }
            double[] gf = g0.clone();
            double[] gd = g0.clone();
            kernel().gram(singles(a), cols, from, to, x, gf);
            kernel().gram(a, cols, from, to, x, gd);
            String what = "rows " + from + "-" + to + " of AᵀA x, " + rows + "x" + cols;
            assertClose(gram, gf, "float32 " + what);
            assertClose(gram, gd, "float64 " + what);
        }
    }

    @Test
    void dotProductsOfEveryLength() {
        for (int n = 0; n <= 70; n++) {
            double[] x = gaussian(n, n, false);
            double[] y = gaussian(n + 3, n + 100, false);
            double expected = 0;
            for (int i = 0; i < n; i++) {
                expected += x[i] * y[i];
            }
            assertEquals(expected, kernel().dot(x, y), 1e-13 * (1 + Math.abs(expected)), "length " + n);
        }
    }

    @Test
    void float32WeightsAreWidenedExactly() {
        float[] a = {0.1f, 3.3e-5f, -7.77f, 1e30f, 1.5f, -2.25f, 1e-30f, 0.3f, 4.1f};
        double[] x = new double[3 + 3];
        x[0] = 1;
        double[] y = new double[6];
        kernel().fused(a, 3, 0, 3, x, y, 0, 3, false);
        assertArrayEquals(new double[]{0, 0, 0, 0.1f, 3.3e-5f, -7.77f}, y, 0);
        kernel().fused(a, 3, 0, 3, x, y, 0, 3, true);
        assertArrayEquals(new double[]{0, 0, 0, 0.1f + (double) 0.1f * 0.1f, 3.3e-5f + (double) 3.3e-5f * 3.3e-5f,
            -7.77f + (double) -7.77f * -7.77f}, y, 0);
    }

    private static final int[] BATCH_ROWS = {1, 3, 4, 5, 8, 13, 33};
    private static final int[] BATCH_WIDTHS = {1, 2, 7, 8, 9, 16, 17, 31, 32, 33, 47, 64, 70};

    @Test
    void batchProductsOfEveryShapeEqualTheirSums() {
        for (int rows : BATCH_ROWS) {
            for (int n : new int[]{1, 2, 5, 17}) {
                for (int cols : BATCH_WIDTHS) {
                    double[] a = gaussian(rows * n, rows * 1000L + n * 100L + cols, false);
                    double[] w = gaussian(n * cols, n * 100L + cols, false);
                    double[] g = gaussian(rows * cols, rows * 100L + cols + 7, false);
                    double[] expectedH = new double[rows * cols];
                    double[] expectedB = new double[rows * n];
                    for (int r = 0; r < rows; r++) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < cols; j++) {
                                expectedH[r * cols + j] += a[r * n + i] * w[i * cols + j];
                                expectedB[r * n + i] += g[r * cols + j] * w[i * cols + j];
                            }
                        }
                    }
                    // Filled with garbage: both products overwrite their output.
                    double[] h = gaussian(rows * cols, 3, false);
                    double[] b = gaussian(rows * n, 4, false);
                    kernel().mult(a, rows, w, n, cols, h);
                    kernel().multTransB(g, rows, w, n, cols, b);
                    String what = rows + " rows, W " + n + "x" + cols;
                    assertClose(expectedH, h, "a·W, " + what);
                    assertClose(expectedB, b, "g·Wᵀ, " + what);
                }
            }
        }
    }
}
