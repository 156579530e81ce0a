package org.spinmon.analyzer.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link DenseKernel} on the JDK's Vector API (incubating in Java 17; loaded only when its module is
 * in the boot layer, see {@link KernelChoice}). Hand-written because it measured faster than the scalar loops,
 * which the JIT does not vectorise (a floating-point sum must keep its order): at 784-1024-1024-1024-10 one
 * J·x takes 0.29 ms against 1.68 ms (AVX-512, BENCHMARKS.md). The batch products {@link #mult} and
 * {@link #multTransB} likewise: on 8 rows through 784-512-256-128-10 (the input-landscape sampler's forward and
 * backward pass) they take 0.24 ms against EJML's 3.0 ms (BENCHMARKS.md, "Input-landscape sampler").
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

    // Blocks of 4 rows of a × 4 (or 2, then 1) vectors of columns of W: the accumulators stay in registers over
    // the whole sum on i, so each chunk of W is loaded once per 4 rows and h is written once. 4 × 4 blocks (16
    // accumulators) only where vectors hold 8 doubles, which comes with 32 vector registers (AVX-512): there they
    // halved the 8 × 784 · 784 × 512 product against 4 × 2 (0.18 → 0.09 ms); with 4 doubles (AVX2, 16 registers;
    // measured with -XX:UseAVX=2) they spill and were 6 % slower. The rows past the last block of 4 are axpys over
    // the rows of W.
    @Override
    public void mult(double[] a, int rows, double[] w, int n, int cols, double[] h) {
        int blocked = rows - rows % 4;
        int j = 0;
        for (; L >= 8 && j + 4 * L <= cols; j += 4 * L) {
            for (int r = 0; r < blocked; r += 4) {
                mult4x4(a, r, w, n, cols, h, j);
            }
        }
        for (; j + 2 * L <= cols; j += 2 * L) {
            for (int r = 0; r < blocked; r += 4) {
                mult4x2(a, r, w, n, cols, h, j);
            }
        }
        for (; j + L <= cols; j += L) {
            for (int r = 0; r < blocked; r += 4) {
                mult4x1(a, r, w, n, cols, h, j);
            }
        }
        for (; j < cols; j++) {
            for (int r = 0; r < blocked; r++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += a[r * n + i] * w[i * cols + j];
                }
                h[r * cols + j] = s;
            }
        }
        for (int r = blocked; r < rows; r++) {
            multRow(a, r, w, n, cols, h);
        }
    }

    private static void mult4x4(double[] a, int r, double[] w, int n, int cols, double[] h, int j) {
        int a0 = r * n;
        int a1 = a0 + n;
        int a2 = a1 + n;
        int a3 = a2 + n;
        DoubleVector s00 = DoubleVector.zero(D);
        DoubleVector s01 = s00;
        DoubleVector s02 = s00;
        DoubleVector s03 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s12 = s00;
        DoubleVector s13 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s22 = s00;
        DoubleVector s23 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        DoubleVector s32 = s00;
        DoubleVector s33 = s00;
        for (int i = 0, wi = j; i < n; i++, wi += cols) {
            DoubleVector w0 = DoubleVector.fromArray(D, w, wi);
            DoubleVector w1 = DoubleVector.fromArray(D, w, wi + L);
            DoubleVector w2 = DoubleVector.fromArray(D, w, wi + 2 * L);
            DoubleVector w3 = DoubleVector.fromArray(D, w, wi + 3 * L);
            DoubleVector b = DoubleVector.broadcast(D, a[a0 + i]);
            s00 = w0.fma(b, s00);
            s01 = w1.fma(b, s01);
            s02 = w2.fma(b, s02);
            s03 = w3.fma(b, s03);
            b = DoubleVector.broadcast(D, a[a1 + i]);
            s10 = w0.fma(b, s10);
            s11 = w1.fma(b, s11);
            s12 = w2.fma(b, s12);
            s13 = w3.fma(b, s13);
            b = DoubleVector.broadcast(D, a[a2 + i]);
            s20 = w0.fma(b, s20);
            s21 = w1.fma(b, s21);
            s22 = w2.fma(b, s22);
            s23 = w3.fma(b, s23);
            b = DoubleVector.broadcast(D, a[a3 + i]);
            s30 = w0.fma(b, s30);
            s31 = w1.fma(b, s31);
            s32 = w2.fma(b, s32);
            s33 = w3.fma(b, s33);
        }
        int o = r * cols + j;
        s00.intoArray(h, o);
        s01.intoArray(h, o + L);
        s02.intoArray(h, o + 2 * L);
        s03.intoArray(h, o + 3 * L);
        o += cols;
        s10.intoArray(h, o);
        s11.intoArray(h, o + L);
        s12.intoArray(h, o + 2 * L);
        s13.intoArray(h, o + 3 * L);
        o += cols;
        s20.intoArray(h, o);
        s21.intoArray(h, o + L);
        s22.intoArray(h, o + 2 * L);
        s23.intoArray(h, o + 3 * L);
        o += cols;
        s30.intoArray(h, o);
        s31.intoArray(h, o + L);
        s32.intoArray(h, o + 2 * L);
        s33.intoArray(h, o + 3 * L);
    }

    private static void mult4x2(double[] a, int r, double[] w, int n, int cols, double[] h, int j) {
        int a0 = r * n;
        int a1 = a0 + n;
        int a2 = a1 + n;
        int a3 = a2 + n;
        DoubleVector s00 = DoubleVector.zero(D);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s20 = s00;
        DoubleVector s21 = s00;
        DoubleVector s30 = s00;
        DoubleVector s31 = s00;
        for (int i = 0, wi = j; i < n; i++, wi += cols) {
            DoubleVector w0 = DoubleVector.fromArray(D, w, wi);
            DoubleVector w1 = DoubleVector.fromArray(D, w, wi + L);
            DoubleVector b = DoubleVector.broadcast(D, a[a0 + i]);
            s00 = w0.fma(b, s00);
            s01 = w1.fma(b, s01);
            b = DoubleVector.broadcast(D, a[a1 + i]);
            s10 = w0.fma(b, s10);
            s11 = w1.fma(b, s11);
            b = DoubleVector.broadcast(D, a[a2 + i]);
            s20 = w0.fma(b, s20);
            s21 = w1.fma(b, s21);
            b = DoubleVector.broadcast(D, a[a3 + i]);
            s30 = w0.fma(b, s30);
            s31 = w1.fma(b, s31);
        }
        int o = r * cols + j;
        s00.intoArray(h, o);
        s01.intoArray(h, o + L);
        o += cols;
        s10.intoArray(h, o);
        s11.intoArray(h, o + L);
        o += cols;
        s20.intoArray(h, o);
        s21.intoArray(h, o + L);
        o += cols;
        s30.intoArray(h, o);
        s31.intoArray(h, o + L);
    }

    private static void mult4x1(double[] a, int r, double[] w, int n, int cols, double[] h, int j) {
        int a0 = r * n;
        int a1 = a0 + n;
        int a2 = a1 + n;
        int a3 = a2 + n;
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int i = 0, wi = j; i < n; i++, wi += cols) {
            DoubleVector w0 = DoubleVector.fromArray(D, w, wi);
            s0 = w0.fma(DoubleVector.broadcast(D, a[a0 + i]), s0);
            s1 = w0.fma(DoubleVector.broadcast(D, a[a1 + i]), s1);
            s2 = w0.fma(DoubleVector.broadcast(D, a[a2 + i]), s2);
            s3 = w0.fma(DoubleVector.broadcast(D, a[a3 + i]), s3);
        }
        int o = r * cols + j;
        s0.intoArray(h, o);
        s1.intoArray(h, o + cols);
        s2.intoArray(h, o + 2 * cols);
        s3.intoArray(h, o + 3 * cols);
    }

    private static void multRow(double[] a, int r, double[] w, int n, int cols, double[] h) {
        int o = r * cols;
        Arrays.fill(h, o, o + cols, 0);
        int bound = D.loopBound(cols);
        for (int i = 0; i < n; i++) {
            double ari = a[r * n + i];
            DoubleVector b = DoubleVector.broadcast(D, ari);
            int wi = i * cols;
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector.fromArray(D, w, wi + j).fma(b, DoubleVector.fromArray(D, h, o + j)).intoArray(h, o + j);
            }
            for (; j < cols; j++) {
                h[o + j] += ari * w[wi + j];
            }
        }
    }

    // Blocks of 2 rows of W × 4 rows of g: 8 dot products share each chunk of W and of g. Blocks of 4 × 4 measured
    // 6 % faster alone but made the compiled classScore intermittently 3× slower (BENCHMARKS.md).
    @Override
    public void multTransB(double[] g, int rows, double[] w, int n, int cols, double[] b) {
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                dots2x4(g, r, w, i, n, cols, b);
            }
            for (; r < rows; r++) {
                b[r * n + i] = dot(w, i * cols, g, r * cols, cols);
                b[r * n + i + 1] = dot(w, (i + 1) * cols, g, r * cols, cols);
            }
        }
        for (; i < n; i++) {
            for (int r = 0; r < rows; r++) {
                b[r * n + i] = dot(w, i * cols, g, r * cols, cols);
            }
        }
    }

    private static void dots2x4(double[] g, int r, double[] w, int i, int n, int cols, double[] b) {
        int u0 = i * cols;
        int u1 = u0 + cols;
        int g0 = r * cols;
        int g1 = g0 + cols;
        int g2 = g1 + cols;
        int g3 = g2 + cols;
        DoubleVector s00 = DoubleVector.zero(D);
        DoubleVector s01 = s00;
        DoubleVector s02 = s00;
        DoubleVector s03 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        DoubleVector s12 = s00;
        DoubleVector s13 = s00;
        int bound = D.loopBound(cols);
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector w0 = DoubleVector.fromArray(D, w, u0 + j);
            DoubleVector w1 = DoubleVector.fromArray(D, w, u1 + j);
            DoubleVector v = DoubleVector.fromArray(D, g, g0 + j);
            s00 = w0.fma(v, s00);
            s10 = w1.fma(v, s10);
            v = DoubleVector.fromArray(D, g, g1 + j);
            s01 = w0.fma(v, s01);
            s11 = w1.fma(v, s11);
            v = DoubleVector.fromArray(D, g, g2 + j);
            s02 = w0.fma(v, s02);
            s12 = w1.fma(v, s12);
            v = DoubleVector.fromArray(D, g, g3 + j);
            s03 = w0.fma(v, s03);
            s13 = w1.fma(v, s13);
        }
        double t00 = s00.reduceLanes(VectorOperators.ADD);
        double t01 = s01.reduceLanes(VectorOperators.ADD);
        double t02 = s02.reduceLanes(VectorOperators.ADD);
        double t03 = s03.reduceLanes(VectorOperators.ADD);
        double t10 = s10.reduceLanes(VectorOperators.ADD);
        double t11 = s11.reduceLanes(VectorOperators.ADD);
        double t12 = s12.reduceLanes(VectorOperators.ADD);
        double t13 = s13.reduceLanes(VectorOperators.ADD);
        for (; j < cols; j++) {
            double w0 = w[u0 + j];
            double w1 = w[u1 + j];
            t00 += w0 * g[g0 + j];
            t01 += w0 * g[g1 + j];
            t02 += w0 * g[g2 + j];
            t03 += w0 * g[g3 + j];
            t10 += w1 * g[g0 + j];
            t11 += w1 * g[g1 + j];
            t12 += w1 * g[g2 + j];
            t13 += w1 * g[g3 + j];
        }
        b[r * n + i] = t00;
        b[(r + 1) * n + i] = t01;
        b[(r + 2) * n + i] = t02;
        b[(r + 3) * n + i] = t03;
        b[r * n + i + 1] = t10;
        b[(r + 1) * n + i + 1] = t11;
        b[(r + 2) * n + i + 1] = t12;
        b[(r + 3) * n + i + 1] = t13;
    }

    private static double dot(double[] u, int uo, double[] v, int vo, int length) {
        DoubleVector s = DoubleVector.zero(D);
        int bound = D.loopBound(length);
        int j = 0;
        for (; j < bound; j += L) {
            s = DoubleVector.fromArray(D, u, uo + j).fma(DoubleVector.fromArray(D, v, vo + j), s);
        }
        double t = s.reduceLanes(VectorOperators.ADD);
        for (; j < length; j++) {
            t += u[uo + j] * v[vo + j];
        }
        return t;
    }
}
