package org.spinmon.analyzer.linalg;

/**
 * The dense kernels that every product of the analysis runs on: the fused layer product of the bond operator
 * (spin-model.md §8.2), the Gram product AᵀA·x, and the dot product of the
 * Lanczos reorthogonalisation. Matrices are row-major, rows×cols, in float32 or float64; vectors are float64 and
 * arithmetic is float64 (a float32 weight is widened exactly).
 *
 * <p>Two implementations compute the same sums in different orders (results agree to rounding): SIMD kernels
 * on the JDK's Vector API, used when the {@code jdk.incubator.vector} module is in the boot layer (the
 * launcher adds it with {@code --add-modules}), and a scalar fallback otherwise, so that the analyzer also
 * runs as a plain library. {@link #preferred()} chooses once, when this interface is first used.
 */
public interface DenseKernel {

    /** @return the SIMD kernel when the Vector API is available with vectors of 4 doubles or more, else scalar */
    static DenseKernel preferred() {
        return KernelChoice.PREFERRED;
    }

    /** @return the scalar kernel, available on every JVM */
    static DenseKernel scalar() {
        return ScalarKernel.INSTANCE;
    }

    /** @return a short name for reports, such as {@code "scalar"} or {@code "vector-512"} */
    String name();

    /**
     * For the rows i in [from, to) of the matrix a (A∘A when {@code squared}), in one pass over those rows:
     * y[lo + i] += Σ_j a_ij x[hi + j] and y[hi + j] += a_ij x[lo + i]. {@code x} and {@code y} are distinct.
     */
    void fused(float[] a, int cols, int from, int to, double[] x, double[] y, int lo, int hi, boolean squared);

    /** As {@link #fused(float[], int, int, int, double[], double[], int, int, boolean)} for float64 storage. */
    void fused(double[] a, int cols, int from, int to, double[] x, double[] y, int lo, int hi, boolean squared);

    /**
     * Adds Σ_{i∈[from, to)} (a_i·x) a_i to y (length cols), a_i the rows of A, in one pass over those rows:
     * over all rows, y + Aᵀ·(A·x).
     */
    void gram(float[] a, int cols, int from, int to, double[] x, double[] y);

    /** As {@link #gram(float[], int, int, int, double[], double[])} for float64 storage. */
    void gram(double[] a, int cols, int from, int to, double[] x, double[] y);

    /** @return x·y over the common length of x */
    double dot(double[] x, double[] y);
}
