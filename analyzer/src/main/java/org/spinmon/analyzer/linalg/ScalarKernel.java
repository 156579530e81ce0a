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
}
