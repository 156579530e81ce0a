package org.spinmon.analyzer.spin;

import java.util.Arrays;
import org.spinmon.analyzer.linalg.DenseEigensolver;

/**
 * Couplings given as a dense symmetric N×N matrix with zero diagonal: general (unlayered) spin models such as
 * Sherrington–Kirkpatrick, and the materialised J of small layered models for cross-checks. O(N²) memory.
 */
public final class DenseCouplings implements Couplings {

    private final int n;
    private final double[] j;
    private final double[] j2;
    private final int[] layers;
    private final double[] fields;

    private DenseCouplings(int n, double[] j, int[] layers, double[] fields) {
        this.n = n;
        this.j = j;
        this.layers = layers.clone();
        this.fields = fields.clone();
        this.j2 = new double[j.length];
        for (int k = 0; k < j.length; k++) {
            j2[k] = j[k] * j[k];
        }
    }

    /**
     * @param j row-major N×N couplings; must be symmetric with a zero diagonal (checked exactly)
     * @return the model, one spin layer, no fields
     */
    public static DenseCouplings of(double[] j, int n) {
        return of(j, n, new int[]{n}, new double[n]);
    }

    /** As {@link #of(double[], int)} with the given spin layers and fields. */
    public static DenseCouplings of(double[] j, int n, int[] layerSizes, double[] fields) {
        if ((long) n * n != j.length) {
            throw new IllegalArgumentException(j.length + " entries do not fill " + n + "x" + n);
        }
        if (Arrays.stream(layerSizes).sum() != n || fields.length != n) {
            throw new IllegalArgumentException("layer sizes and fields must cover the " + n + " spins");
        }
        for (int a = 0; a < n; a++) {
            if (j[a * n + a] != 0) {
                throw new IllegalArgumentException("J must have a zero diagonal; J[" + a + "][" + a + "] = " + j[a * n + a]);
            }
            for (int b = a + 1; b < n; b++) {
                if (j[a * n + b] != j[b * n + a]) {
                    throw new IllegalArgumentException("J must be symmetric; J[" + a + "][" + b + "] differs");
                }
            }
        }
        return new DenseCouplings(n, j.clone(), layerSizes, fields);
    }

    /** @return the dense J of any couplings (N applications of J to unit vectors) */
    public static DenseCouplings materialise(Couplings c) {
        return of(DenseEigensolver.materialise(c.operator()).getData(), c.size(), c.layerSizes(), c.fields());
    }

    /** @return J_ab */
    public double get(int a, int b) {
        return j[a * n + b];
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int[] layerSizes() {
        return layers.clone();
    }

    @Override
    public void apply(double[] x, double[] y) {
        multiply(j, x, y);
    }

    @Override
    public void applySquared(double[] x, double[] y) {
        multiply(j2, x, y);
    }

    private void multiply(double[] m, double[] x, double[] y) {
        for (int a = 0; a < n; a++) {
            double s = 0;
            int row = a * n;
            for (int b = 0; b < n; b++) {
                s += m[row + b] * x[b];
            }
            y[a] = s;
        }
    }

    @Override
    public double[] rowSquareSums() {
        double[] s = new double[n];
        for (int a = 0; a < n; a++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                sum += j2[a * n + b];
            }
            s[a] = sum;
        }
        return s;
    }

    @Override
    public double[] fields() {
        return fields.clone();
    }
}
