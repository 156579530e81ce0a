package org.spinmon.analyzer.linalg;

/**
 * The scalar {@link DenseKernel}: plain loops, for JVMs without the Vector API module. The fused product keeps
 * the form measured fastest among scalar variants (unrolling and splitting the loop measured no gain).
 */
final class ScalarKernel implements DenseKernel {

    static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    // The float and double variants differ only in the element type; one generic kernel would box.
    @Override
    public void fused(float[] a, int cols, int from, int to, double[] x, double[] y, int lo, int hi, boolean squared) {
        for (int i = from; i < to; i++) {
            double xi = x[lo + i];
            double dot = 0;
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                double aij = a[row + j];
                if (squared) {
                    aij *= aij;
                }
                dot += aij * x[hi + j];
                y[hi + j] += xi * aij;
            }
            y[lo + i] += dot;
        }
    }

    @Override
    public void fused(double[] a, int cols, int from, int to, double[] x, double[] y, int lo, int hi, boolean squared) {
        for (int i = from; i < to; i++) {
            double xi = x[lo + i];
            double dot = 0;
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                double aij = a[row + j];
                if (squared) {
                    aij *= aij;
                }
                dot += aij * x[hi + j];
                y[hi + j] += xi * aij;
            }
            y[lo + i] += dot;
        }
    }

    @Override
    public void gram(float[] a, int cols, int from, int to, double[] x, double[] y) {
        for (int i = from; i < to; i++) {
            int row = i * cols;
            double t = 0;
            for (int j = 0; j < cols; j++) {
                t += a[row + j] * x[j];
            }
            for (int j = 0; j < cols; j++) {
                y[j] += a[row + j] * t;
            }
        }
    }

    @Override
    public void gram(double[] a, int cols, int from, int to, double[] x, double[] y) {
        for (int i = from; i < to; i++) {
            int row = i * cols;
            double t = 0;
            for (int j = 0; j < cols; j++) {
                t += a[row + j] * x[j];
            }
            for (int j = 0; j < cols; j++) {
                y[j] += a[row + j] * t;
            }
        }
    }

    @Override
    public double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    // Row by row, h_r = Σ_i a_ri W_i as axpys over the contiguous rows of W, which the JIT vectorises (no sum
    // to keep in order): the loops of EJML's CommonOps_DDRM.mult for such shapes. Assigning the first term
    // rather than clearing h first measured 1.35 → 0.92 ms at 8 × 784 · 784 × 512.
    @Override
    public void mult(double[] a, int rows, double[] w, int n, int cols, double[] h) {
        for (int r = 0; r < rows; r++) {
            int out = r * cols;
            double a0 = a[r * n];
            for (int j = 0; j < cols; j++) {
                h[out + j] = a0 * w[j];
            }
            for (int i = 1; i < n; i++) {
                double ari = a[r * n + i];
                int row = i * cols;
                for (int j = 0; j < cols; j++) {
                    h[out + j] += ari * w[row + j];
                }
            }
        }
    }

    // Four rows of g at a time: four independent sums share each load of W (the latency of one sum bounds a
    // single dot product).
    @Override
    public void multTransB(double[] g, int rows, double[] w, int n, int cols, double[] b) {
        int blocked = rows - rows % 4;
        for (int i = 0; i < n; i++) {
            int row = i * cols;
            for (int r = 0; r < blocked; r += 4) {
                int g0 = r * cols;
                int g1 = g0 + cols;
                int g2 = g1 + cols;
                int g3 = g2 + cols;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int j = 0; j < cols; j++) {
                    double wij = w[row + j];
                    s0 += wij * g[g0 + j];
                    s1 += wij * g[g1 + j];
                    s2 += wij * g[g2 + j];
                    s3 += wij * g[g3 + j];
                }
                b[r * n + i] = s0;
                b[(r + 1) * n + i] = s1;
                b[(r + 2) * n + i] = s2;
                b[(r + 3) * n + i] = s3;
            }
            for (int r = blocked; r < rows; r++) {
                int in = r * cols;
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += w[row + j] * g[in + j];
                }
                b[r * n + i] = s;
            }
        }
    }
}
