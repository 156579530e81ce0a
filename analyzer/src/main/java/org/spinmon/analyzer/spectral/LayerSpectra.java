package org.spinmon.analyzer.spectral;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.spinmon.analyzer.linalg.Lanczos;
import org.spinmon.analyzer.linalg.LanczosValues;
import org.spinmon.analyzer.linalg.Spectrum;
import org.spinmon.analyzer.linalg.SymmetricOperator;
import org.spinmon.analyzer.linalg.WeightMatrix;
import org.spinmon.analyzer.snapshot.Layer;

/**
 * Per-layer spectra (spin-model.md §7.2): the eigenvalues λ_1 ≥ λ_2 ≥ … of WᵀW (squared singular values of
 * the raw W, not normalised). Only the top k+1 are needed: up to M = min(nIn, nOut) = {@value #DENSE_GRAM}
 * all of them come from the M×M Gram matrix by EJML's symmetric eigendecomposition; above, the top k+1
 * from Lanczos on the implicit Gram operator (one pass over W per product, float32 storage when exact, on the
 * {@link org.spinmon.analyzer.linalg.DenseKernel}), which costs O(k·nIn·nOut) instead of O(M²·max + M³)
 * (measured: BENCHMARKS.md). Then
 *
 * <ul>
 *   <li>σ_max = √λ_1 (weight units);</li>
 *   <li>stable rank = Σλ / λ_1 = ‖W‖_F² / ‖W‖_2²;</li>
 *   <li>Hill α = 1 + k / Σ_{i≤k} ln(λ_i / λ_{k+1}), k = ⌈0.1·M⌉ (pdf-exponent convention). NaN when
 *       k + 1 &gt; M or λ_{k+1} = 0. Not WeightWatcher's alpha (whose xmin comes from a KS scan); for the
 *       10-unit output layer k = 1 and the estimate is mostly noise;</li>
 *   <li>‖W_t − W_0‖_F / ‖W_0‖_F and ‖W_t − W_0‖_2 (Lanczos on the Gram operator of the difference).</li>
 * </ul>
 */
public final class LayerSpectra {

    /** Largest Gram dimension diagonalised densely. */
    static final int DENSE_GRAM = 320;

    private LayerSpectra() {
    }

    /** @return the metrics of layer {@code index} (1-based); {@code initial} is W_0 or {@code null} */
    public static LayerMetrics of(int index, Layer layer, Layer initial, Lanczos solver) {
        return of(index, layer, initial, solver, null);
    }

    /**
     * @return the solve of the top k+1 eigenvalues of WᵀW that {@link #of(int, Layer, Layer, Lanczos,
     *         LanczosValues)} will finish, started early so that it can ride along the passes over J of the
     *         spin-model analysis (its Gram product reads W once, as J's do); {@code null} where the metrics
     *         come from the dense Gram matrix or from W Wᵀ (nIn &lt; nOut)
     */
    public static LanczosValues start(Layer layer, Lanczos solver) {
        int m = Math.min(layer.nIn(), layer.nOut());
        if (m <= DENSE_GRAM || layer.nOut() > layer.nIn()) {
            return null;
        }
        return solver.valuesSession(layer.nOut(), tailSize(m) + 1, Spectrum.LARGEST);
    }

    /**
     * As {@link #of(int, Layer, Layer, Lanczos)}, finishing {@code started} (from {@link #start}, perhaps
     * advanced by products computed elsewhere) instead of solving from the beginning; the same values.
     */
    public static LayerMetrics of(int index, Layer layer, Layer initial, Lanczos solver, LanczosValues started) {
        int rows = layer.nIn();
        int cols = layer.nOut();
        double[] w = layer.weights();
        int m = Math.min(rows, cols);
        double[] eigenvalues;
        if (m <= DENSE_GRAM) {
            eigenvalues = gramEigenvalues(w, rows, cols);
        } else {
            LanczosValues solve = started != null ? started : solver.valuesSession(Math.min(rows, cols),
                    tailSize(m) + 1, Spectrum.LARGEST);
            SymmetricOperator op = gram(w, rows, cols);
            while (!solve.done()) {
                double[] product = new double[op.dimension()];
                op.apply(solve.nextVector(), product);
                solve.accept(product);
            }
            eigenvalues = solve.values();
        }
        double top = eigenvalues[0];
        double frob2 = 0;
        for (double v : w) {
            frob2 += v * v;
        }
        double sigmaMax = Math.sqrt(Math.max(0, top));
        double stableRank = top > 0 ? frob2 / top : Double.NaN;
        double rel = Double.NaN;
        double update = Double.NaN;
        if (initial != null && initial.nIn() == rows && initial.nOut() == cols) {
            double[] d = initial.weights();
            double dd = 0;
            double n0 = 0;
            for (int i = 0; i < w.length; i++) {
                n0 += d[i] * d[i];
                d[i] = w[i] - d[i];
                dd += d[i] * d[i];
            }
            rel = n0 > 0 ? Math.sqrt(dd / n0) : Double.NaN;
            update = dd == 0 ? 0 : Math.sqrt(Math.max(0, solver.eigenvalues(gram(d, rows, cols), 1,
                    Spectrum.LARGEST)[0]));
        }
        return new LayerMetrics(index, rows, cols, sigmaMax, stableRank, hill(eigenvalues, m), rel, update);
    }

    /** @return k = ⌈0.1·M⌉, the Hill tail size */
    static int tailSize(int m) {
        return (int) Math.ceil(0.1 * m);
    }

    /** @return the Hill estimate on the top eigenvalues (descending) of an M-eigenvalue ESD; NaN when undefined */
    static double hill(double[] descending, int m) {
        int k = tailSize(m);
        if (k + 1 > m || descending.length < k + 1 || !(descending[k] > 0)) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.log(descending[i] / descending[k]);
        }
        return sum > 0 ? 1 + k / sum : Double.NaN;
    }

    /** @return the eigenvalues of the smaller Gram matrix of W (nIn×nOut), descending, clipped at 0 */
    static double[] gramEigenvalues(double[] w, int rows, int cols) {
        DMatrixRMaj a = DMatrixRMaj.wrap(rows, cols, w);
        int m = Math.min(rows, cols);
        DMatrixRMaj g = new DMatrixRMaj(m, m);
        if (cols <= rows) {
            CommonOps_DDRM.multTransA(a, a, g);
        } else {
            CommonOps_DDRM.multTransB(a, a, g);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, false, true);
        if (!eig.decompose(g)) {
            throw new ArithmeticException("eigendecomposition of a " + m + "x" + m + " Gram matrix failed");
        }
        double[] values = new double[m];
        for (int i = 0; i < m; i++) {
            values[i] = Math.max(0, eig.getEigenvalue(i).real);
        }
        Arrays.sort(values);
        for (int i = 0; i < m / 2; i++) {
            double t = values[i];
            values[i] = values[m - 1 - i];
            values[m - 1 - i] = t;
        }
        return values;
    }

    /**
     * @return the smaller Gram operator of D (rows×cols, row-major): x ↦ Dᵀ(D x) when cols ≤ rows, else
     *         x ↦ D(Dᵀ x), as the Gram operator of Dᵀ; either way one pass over the matrix per product
     */
    static SymmetricOperator gram(double[] d, int rows, int cols) {
        WeightMatrix m = cols <= rows ? WeightMatrix.of(d, rows, cols) : WeightMatrix.of(transpose(d, rows, cols),
                cols, rows);
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return m.cols();
            }

            @Override
            public void apply(double[] x, double[] y) {
                m.gram(x, y);
            }
        };
    }

    private static double[] transpose(double[] d, int rows, int cols) {
        double[] t = new double[d.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = d[i * cols + j];
            }
        }
        return t;
    }
}
