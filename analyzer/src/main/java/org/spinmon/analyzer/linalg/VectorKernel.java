package org.spinmon.analyzer.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link DenseKernel} on the JDK's Vector API (incubating in Java 17; loaded only when its module is
 * in the boot layer, see {@link KernelChoice}). Hand-written because it measured faster than the scalar loops,
 * which the JIT does not vectorise (a floating-point sum must keep its order): at 784-1024-1024-1024-10 one
 * J·x takes 0.29 ms against 1.68 ms (AVX-512, BENCHMARKS.md).
 *
 * <p>Four matrix rows are processed together: each chunk of x and y is loaded once for four rows, and each
 * row keeps its own vector accumulator. float32 weights are widened to float64 lane by lane (exact).
 */
final class VectorKernel implements DenseKernel {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int L = D.length();

    private VectorKernel() {
    }

    /** @return the kernel, or {@code null} where the preferred vectors hold fewer than 4 doubles */
    static DenseKernel create() {
        return L >= 4 ? new VectorKernel() : null;
    }

    @Override
    public String name() {
        return "vector-" + D.vectorBitSize();
    }

    // The float and double variants below differ only in the element type; one generic kernel would box.
    private static DoubleVector load(float[] a, int offset, boolean squared) {
        DoubleVector w = (DoubleVector) F.fromArray(a, offset).convertShape(VectorOperators.F2D, D, 0);
        return squared ? w.mul(w) : w;
    }

    private static DoubleVector load(double[] a, int offset, boolean squared) {
        DoubleVector w = DoubleVector.fromArray(D, a, offset);
        return squared ? w.mul(w) : w;
    }

    private static double element(float[] a, int index, boolean squared) {
        double w = a[index];
        return squared ? w * w : w;
    }

    private static double element(double[] a, int index, boolean squared) {
        double w = a[index];
        return squared ? w * w : w;
    }

    // Each method below exists for float[] and double[] weights; they differ only in load/element.
    @Override
    public void fused(float[] a, int cols, int from, int to, double[] x, double[] y, int lo, int hi, boolean squared) {
        int bound = D.loopBound(cols);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int r0 = i * cols;
            int r1 = r0 + cols;
            int r2 = r1 + cols;
            int r3 = r2 + cols;
            double x0 = x[lo + i];
            double x1 = x[lo + i + 1];
            double x2 = x[lo + i + 2];
            double x3 = x[lo + i + 3];
            DoubleVector b0 = DoubleVector.broadcast(D, x0);
            DoubleVector b1 = DoubleVector.broadcast(D, x1);
            DoubleVector b2 = DoubleVector.broadcast(D, x2);
            DoubleVector b3 = DoubleVector.broadcast(D, x3);
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector w0 = load(a, r0 + j, squared);
                DoubleVector w1 = load(a, r1 + j, squared);
                DoubleVector w2 = load(a, r2 + j, squared);
                DoubleVector w3 = load(a, r3 + j, squared);
                DoubleVector xv = DoubleVector.fromArray(D, x, hi + j);
                s0 = w0.fma(xv, s0);
                s1 = w1.fma(xv, s1);
                s2 = w2.fma(xv, s2);
                s3 = w3.fma(xv, s3);
                DoubleVector yv = DoubleVector.fromArray(D, y, hi + j);
                w3.fma(b3, w2.fma(b2, w1.fma(b1, w0.fma(b0, yv)))).intoArray(y, hi + j);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD);
            double t1 = s1.reduceLanes(VectorOperators.ADD);
            double t2 = s2.reduceLanes(VectorOperators.ADD);
            double t3 = s3.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                double w0 = element(a, r0 + j, squared);
                double w1 = element(a, r1 + j, squared);
                double w2 = element(a, r2 + j, squared);
                double w3 = element(a, r3 + j, squared);
                double xj = x[hi + j];
                t0 += w0 * xj;
                t1 += w1 * xj;
                t2 += w2 * xj;
                t3 += w3 * xj;
                y[hi + j] += w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3;
            }
            y[lo + i] += t0;
            y[lo + i + 1] += t1;
            y[lo + i + 2] += t2;
            y[lo + i + 3] += t3;
        }
        for (; i < to; i++) {
            int r = i * cols;
            double xi = x[lo + i];
            DoubleVector b = DoubleVector.broadcast(D, xi);
            DoubleVector s = DoubleVector.zero(D);
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector w = load(a, r + j, squared);
                s = w.fma(DoubleVector.fromArray(D, x, hi + j), s);
                w.fma(b, DoubleVector.fromArray(D, y, hi + j)).intoArray(y, hi + j);
            }
            double t = s.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                double w = element(a, r + j, squared);
                t += w * x[hi + j];
                y[hi + j] += w * xi;
            }
            y[lo + i] += t;
        }
    }

    @Override
    public void fused(double[] a, int cols, int from, int to, double[] x, double[] y, int lo, int hi, boolean squared) {
        int bound = D.loopBound(cols);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int r0 = i * cols;
            int r1 = r0 + cols;
            int r2 = r1 + cols;
            int r3 = r2 + cols;
            double x0 = x[lo + i];
            double x1 = x[lo + i + 1];
            double x2 = x[lo + i + 2];
            double x3 = x[lo + i + 3];
            DoubleVector b0 = DoubleVector.broadcast(D, x0);
            DoubleVector b1 = DoubleVector.broadcast(D, x1);
            DoubleVector b2 = DoubleVector.broadcast(D, x2);
            DoubleVector b3 = DoubleVector.broadcast(D, x3);
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector w0 = load(a, r0 + j, squared);
                DoubleVector w1 = load(a, r1 + j, squared);
                DoubleVector w2 = load(a, r2 + j, squared);
                DoubleVector w3 = load(a, r3 + j, squared);
                DoubleVector xv = DoubleVector.fromArray(D, x, hi + j);
                s0 = w0.fma(xv, s0);
                s1 = w1.fma(xv, s1);
                s2 = w2.fma(xv, s2);
                s3 = w3.fma(xv, s3);
                DoubleVector yv = DoubleVector.fromArray(D, y, hi + j);
                w3.fma(b3, w2.fma(b2, w1.fma(b1, w0.fma(b0, yv)))).intoArray(y, hi + j);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD);
            double t1 = s1.reduceLanes(VectorOperators.ADD);
            double t2 = s2.reduceLanes(VectorOperators.ADD);
            double t3 = s3.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                double w0 = element(a, r0 + j, squared);
                double w1 = element(a, r1 + j, squared);
                double w2 = element(a, r2 + j, squared);
                double w3 = element(a, r3 + j, squared);
                double xj = x[hi + j];
                t0 += w0 * xj;
                t1 += w1 * xj;
                t2 += w2 * xj;
                t3 += w3 * xj;
                y[hi + j] += w0 * x0 + w1 * x1 + w2 * x2 + w3 * x3;
            }
            y[lo + i] += t0;
            y[lo + i + 1] += t1;
            y[lo + i + 2] += t2;
            y[lo + i + 3] += t3;
        }
        for (; i < to; i++) {
            int r = i * cols;
            double xi = x[lo + i];
            DoubleVector b = DoubleVector.broadcast(D, xi);
            DoubleVector s = DoubleVector.zero(D);
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector w = load(a, r + j, squared);
                s = w.fma(DoubleVector.fromArray(D, x, hi + j), s);
                w.fma(b, DoubleVector.fromArray(D, y, hi + j)).intoArray(y, hi + j);
            }
            double t = s.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                double w = element(a, r + j, squared);
                t += w * x[hi + j];
                y[hi + j] += w * xi;
            }
            y[lo + i] += t;
        }
    }

    @Override
    public void gram(float[] a, int cols, int from, int to, double[] x, double[] y) {
        int bound = D.loopBound(cols);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int r0 = i * cols;
            int r1 = r0 + cols;
            int r2 = r1 + cols;
            int r3 = r2 + cols;
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector xv = DoubleVector.fromArray(D, x, j);
                s0 = load(a, r0 + j, false).fma(xv, s0);
                s1 = load(a, r1 + j, false).fma(xv, s1);
                s2 = load(a, r2 + j, false).fma(xv, s2);
                s3 = load(a, r3 + j, false).fma(xv, s3);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD);
            double t1 = s1.reduceLanes(VectorOperators.ADD);
            double t2 = s2.reduceLanes(VectorOperators.ADD);
            double t3 = s3.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                double xj = x[j];
                t0 += a[r0 + j] * xj;
                t1 += a[r1 + j] * xj;
                t2 += a[r2 + j] * xj;
                t3 += a[r3 + j] * xj;
            }
            DoubleVector b0 = DoubleVector.broadcast(D, t0);
            DoubleVector b1 = DoubleVector.broadcast(D, t1);
            DoubleVector b2 = DoubleVector.broadcast(D, t2);
            DoubleVector b3 = DoubleVector.broadcast(D, t3);
            for (j = 0; j < bound; j += L) {
                DoubleVector yv = DoubleVector.fromArray(D, y, j);
                load(a, r3 + j, false).fma(b3, load(a, r2 + j, false).fma(b2, load(a, r1 + j, false).fma(b1,
                        load(a, r0 + j, false).fma(b0, yv)))).intoArray(y, j);
            }
            for (; j < cols; j++) {
                y[j] += a[r0 + j] * t0 + a[r1 + j] * t1 + a[r2 + j] * t2 + a[r3 + j] * t3;
            }
        }
        for (; i < to; i++) {
            int r = i * cols;
            DoubleVector s = DoubleVector.zero(D);
            int j = 0;
            for (; j < bound; j += L) {
                s = load(a, r + j, false).fma(DoubleVector.fromArray(D, x, j), s);
            }
            double t = s.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                t += a[r + j] * x[j];
            }
            DoubleVector b = DoubleVector.broadcast(D, t);
            for (j = 0; j < bound; j += L) {
                load(a, r + j, false).fma(b, DoubleVector.fromArray(D, y, j)).intoArray(y, j);
            }
            for (; j < cols; j++) {
                y[j] += a[r + j] * t;
            }
        }
    }

    @Override
    public void gram(double[] a, int cols, int from, int to, double[] x, double[] y) {
        int bound = D.loopBound(cols);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int r0 = i * cols;
            int r1 = r0 + cols;
            int r2 = r1 + cols;
            int r3 = r2 + cols;
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector xv = DoubleVector.fromArray(D, x, j);
                s0 = load(a, r0 + j, false).fma(xv, s0);
                s1 = load(a, r1 + j, false).fma(xv, s1);
                s2 = load(a, r2 + j, false).fma(xv, s2);
                s3 = load(a, r3 + j, false).fma(xv, s3);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD);
            double t1 = s1.reduceLanes(VectorOperators.ADD);
            double t2 = s2.reduceLanes(VectorOperators.ADD);
            double t3 = s3.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                double xj = x[j];
                t0 += a[r0 + j] * xj;
                t1 += a[r1 + j] * xj;
                t2 += a[r2 + j] * xj;
                t3 += a[r3 + j] * xj;
            }
            DoubleVector b0 = DoubleVector.broadcast(D, t0);
            DoubleVector b1 = DoubleVector.broadcast(D, t1);
            DoubleVector b2 = DoubleVector.broadcast(D, t2);
            DoubleVector b3 = DoubleVector.broadcast(D, t3);
            for (j = 0; j < bound; j += L) {
                DoubleVector yv = DoubleVector.fromArray(D, y, j);
                load(a, r3 + j, false).fma(b3, load(a, r2 + j, false).fma(b2, load(a, r1 + j, false).fma(b1,
                        load(a, r0 + j, false).fma(b0, yv)))).intoArray(y, j);
            }
            for (; j < cols; j++) {
                y[j] += a[r0 + j] * t0 + a[r1 + j] * t1 + a[r2 + j] * t2 + a[r3 + j] * t3;
            }
        }
        for (; i < to; i++) {
            int r = i * cols;
            DoubleVector s = DoubleVector.zero(D);
            int j = 0;
            for (; j < bound; j += L) {
                s = load(a, r + j, false).fma(DoubleVector.fromArray(D, x, j), s);
            }
            double t = s.reduceLanes(VectorOperators.ADD);
            for (; j < cols; j++) {
                t += a[r + j] * x[j];
            }
            DoubleVector b = DoubleVector.broadcast(D, t);
            for (j = 0; j < bound; j += L) {
                load(a, r + j, false).fma(b, DoubleVector.fromArray(D, y, j)).intoArray(y, j);
            }
            for (; j < cols; j++) {
                y[j] += a[r + j] * t;
            }
        }
    }

    @Override
    public double dot(double[] x, double[] y) {
        int n = x.length;
        int bound4 = n - n % (4 * L);
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int i = 0;
        for (; i < bound4; i += 4 * L) {
            s0 = DoubleVector.fromArray(D, x, i).fma(DoubleVector.fromArray(D, y, i), s0);
            s1 = DoubleVector.fromArray(D, x, i + L).fma(DoubleVector.fromArray(D, y, i + L), s1);
            s2 = DoubleVector.fromArray(D, x, i + 2 * L).fma(DoubleVector.fromArray(D, y, i + 2 * L), s2);
            s3 = DoubleVector.fromArray(D, x, i + 3 * L).fma(DoubleVector.fromArray(D, y, i + 3 * L), s3);
        }
        int bound = D.loopBound(n);
        for (; i < bound; i += L) {
            s0 = DoubleVector.fromArray(D, x, i).fma(DoubleVector.fromArray(D, y, i), s0);
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
