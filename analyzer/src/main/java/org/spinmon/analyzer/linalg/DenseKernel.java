package org.spinmon.analyzer.linalg;

/**
 * The dense kernels that every product of the analysis runs on: the fused layer product of the bond operator
 * (spin-model.md §8.2), the Gram product AᵀA·x, the dot product of the Lanczos reorthogonalisation, and the
 * batch products a·W and g·Wᵀ of the forward network (its forward pass and input gradient, on the
 * input-landscape sampler's few replicas or on a probe batch). Matrices are row-major, rows×cols, in float32 or
 * float64; vectors are float64 and arithmetic is float64 (a float32 weight is widened exactly).
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

    /**
     * h = a·W, overwriting h: a is {@code rows} × n (a batch of inputs, one per row), W is n × {@code cols}, h is
     * {@code rows} × {@code cols}, all row-major float64.
     */
    void mult(double[] a, int rows, double[] w, int n, int cols, double[] h);

    /**
     * b = g·Wᵀ, overwriting b: g is {@code rows} × {@code cols}, W is n × {@code cols}, b is {@code rows} × n,
     * all row-major float64; b_ri = W_i·g_r, the dot product of row i of W and row r of g.
     */
    void multTransB(double[] g, int rows, double[] w, int n, int cols, double[] b);
}
