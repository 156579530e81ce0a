package org.spinmon.analyzer.linalg;

import java.util.Arrays;

/**
 * A dense rows×cols matrix, row-major, with its products on a {@link DenseKernel}. Stored in float32 when
 * every entry is float32-exact (weights trained in float32: exact, and half the memory traffic of a product),
 * else in float64. Immutable.
 */
public final class WeightMatrix {

    private final int rows;
    private final int cols;
    private final float[] singles;
    private final double[] doubles;
    private final DenseKernel kernel;

    private WeightMatrix(int rows, int cols, float[] singles, double[] doubles, DenseKernel kernel) {
        this.rows = rows;
        this.cols = cols;
        this.singles = singles;
        this.doubles = doubles;
        this.kernel = kernel;
    }

    /** @return the matrix of {@code values} (rows·cols, row-major; copied) on the preferred kernel */
    public static WeightMatrix of(double[] values, int rows, int cols) {
        return of(values, rows, cols, DenseKernel.preferred());
    }

    /** @return the matrix of {@code values} (rows·cols, row-major; copied) on {@code kernel} */
    public static WeightMatrix of(double[] values, int rows, int cols, DenseKernel kernel) {
        if ((long) rows * cols != values.length || rows < 1 || cols < 1) {
            throw new IllegalArgumentException(values.length + " values do not fill " + rows + "x" + cols);
        }
        if (!floatExact(values)) {
            return new WeightMatrix(rows, cols, null, values.clone(), kernel);
        }
        float[] singles = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            singles[i] = (float) values[i];
        }
        return new WeightMatrix(rows, cols, singles, null, kernel);
    }

    private static boolean floatExact(double[] values) {
        for (double v : values) {
            if ((double) (float) v != v && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of columns */
    public int cols() {
        return cols;
    }

    /** @return whether the entries are stored in float32 */
    public boolean singlePrecision() {
        return singles != null;
    }

    /** @return the entries as float64, row-major (a fresh array) */
    public double[] toArray() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] copy = new double[singles.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = singles[i];
        }
        return copy;
    }

    /**
     * The fused block product of the rows in [from, to) (see {@link DenseKernel}): y[lo + i] += (A x_hi)_i and
     * y[hi + j] += (Aᵀ x_lo)_j, A∘A instead of A when {@code squared}.
     */
    public void fused(int from, int to, double[] x, double[] y, int lo, int hi, boolean squared) {
        if (singles != null) {
            kernel.fused(singles, cols, from, to, x, y, lo, hi, squared);
        } else {
            kernel.fused(doubles, cols, from, to, x, y, lo, hi, squared);
        }
    }

    /** Sets y = Aᵀ·(A·x), reading A once. */
    public void gram(double[] x, double[] y) {
        Arrays.fill(y, 0, cols, 0);
        gramRows(0, rows, x, y);
    }

    /** Adds Σ_{i∈[from, to)} (a_i·x) a_i to y, a_i the rows: the part of Aᵀ·(A·x) from those rows. */
    public void gramRows(int from, int to, double[] x, double[] y) {
        if (singles != null) {
            kernel.gram(singles, cols, from, to, x, y);
        } else {
            kernel.gram(doubles, cols, from, to, x, y);
        }
    }
}
