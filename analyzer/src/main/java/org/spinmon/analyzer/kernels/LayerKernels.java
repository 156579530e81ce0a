package org.spinmon.analyzer.kernels;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.spinmon.analyzer.probe.ForwardNetwork;
import org.spinmon.analyzer.probe.ProbeBatch;

/**
 * The layer-kernel view (landscape-and-kernels.md §3, after Seroussi, Naveh and Ringel, "Separation of scales
 * and a thermodynamic description of feature learning in some CNNs", Nat. Commun. 2023): for each hidden layer
 * l = 1 … L − 1 on the probe batch, K_l = H_l H_lᵀ / N_l and Q_l = A_l A_lᵀ / N_l (EJML's {@code multOuter}, the
 * symmetric product, is the cost: P² N_l multiply-adds per kernel), then the numbers of {@link KernelLayer}.
 * At infinite width K_l stays at its initial (NNGP) value; at finite width it adapts to the data.
 */
public final class LayerKernels {

    private LayerKernels() {
    }

    /** @return the hidden layers' pre-activation kernels of a run's first snapshot */
    public static KernelReference reference(ForwardNetwork.Activations initial) {
        List<double[]> kernels = new ArrayList<>();
        double[] norms = new double[hiddenLayers(initial)];
        for (int l = 1; l <= norms.length; l++) {
            double[] k = kernel(initial.pre(l), initial.rows(), initial.width(l));
            kernels.add(k);
            norms[l - 1] = frobenius(k);
        }
        return new KernelReference(kernels, norms);
    }

    /**
     * @param now     the snapshot's pass of the probe batch
     * @param initial the run's first snapshot's kernels, or {@code null} (the change is then NaN)
     * @param probe   the probe batch, for the labels
     * @return one {@link KernelLayer} per hidden layer, l = 1 … L − 1
     */
    public static List<KernelLayer> of(ForwardNetwork.Activations now, KernelReference initial, ProbeBatch probe) {
        int p = now.rows();
        double[] yy = probe.centredLabelGram();
        double yyNorm = frobenius(yy);
        List<KernelLayer> layers = new ArrayList<>();
        for (int l = 1; l <= hiddenLayers(now); l++) {
            int n = now.width(l);
            double[] k = kernel(now.pre(l), p, n);
            double[] q = kernel(now.post(l), p, n);
            double change = Double.NaN;
            if (initial != null && l <= initial.kernels().size() && initial.kernels().get(l - 1).length == k.length) {
                change = distance(k, initial.kernels().get(l - 1)) / initial.norms()[l - 1];
            }
            double[] kurtosis = excessKurtosis(now.pre(l), p, n);
            layers.add(new KernelLayer(l, n, change, alignment(k, yy, yyNorm, p), alignment(q, yy, yyNorm, p),
                    kurtosis[0], kurtosis[1], effectiveRank(k, p)));
        }
        return layers;
    }

    /** @return X Xᵀ / n for X of {@code rows} × {@code n} */
    static double[] kernel(double[] x, int rows, int n) {
        DMatrixRMaj k = new DMatrixRMaj(rows, rows);
        CommonOps_DDRM.multOuter(DMatrixRMaj.wrap(rows, n, x), k);
        CommonOps_DDRM.scale(1.0 / n, k);
        return k.data;
    }

    /**
     * @return ⟨K_c, Y Yᵀ⟩_F / (‖K_c‖_F ‖Y Yᵀ‖_F) with K_c = C K C the doubly centred kernel; Y is centred, so
     *         ⟨K_c, Y Yᵀ⟩ = ⟨K, Y Yᵀ⟩. NaN when K_c or Y Yᵀ is zero
     */
    static double alignment(double[] k, double[] yy, double yyNorm, int p) {
        double[] rowMean = new double[p];
        double total = 0;
        for (int i = 0; i < p; i++) {
            double sum = 0;
            for (int j = 0; j < p; j++) {
                sum += k[i * p + j];
            }
            rowMean[i] = sum / p;
            total += sum;
        }
        total /= (double) p * p;
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double c = k[i * p + j] - rowMean[i] - rowMean[j] + total;
                norm += c * c;
                dot += k[i * p + j] * yy[i * p + j];
            }
        }
        double denominator = Math.sqrt(norm) * yyNorm;
        return denominator > 0 ? dot / denominator : Double.NaN;
    }

    /** @return {mean, standard deviation} over neurons with non-zero variance of m₄/m₂² − 3 across the rows */
    static double[] excessKurtosis(double[] h, int rows, int n) {
        double[] mean = new double[n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                mean[i] += h[r * n + i] / rows;
            }
        }
        double[] m2 = new double[n];
        double[] m4 = new double[n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                double d = h[r * n + i] - mean[i];
                double d2 = d * d;
                m2[i] += d2 / rows;
                m4[i] += d2 * d2 / rows;
            }
        }
        double sum = 0;
        double sumSq = 0;
        int counted = 0;
        for (int i = 0; i < n; i++) {
            if (m2[i] > 0) {
                double kappa = m4[i] / (m2[i] * m2[i]) - 3;
                sum += kappa;
                sumSq += kappa * kappa;
                counted++;
            }
        }
        if (counted == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double average = sum / counted;
        return new double[]{average, Math.sqrt(Math.max(0, sumSq / counted - average * average))};
    }

    /** @return (tr K)² / tr(K²) = (tr K)² / ‖K‖_F² for symmetric K; NaN for K = 0 */
    static double effectiveRank(double[] k, int p) {
        double trace = 0;
        for (int i = 0; i < p; i++) {
            trace += k[i * p + i];
        }
        double f = frobenius(k);
        return f > 0 ? trace * trace / (f * f) : Double.NaN;
    }

    private static int hiddenLayers(ForwardNetwork.Activations a) {
        return a.pre().size() - 1;
    }

    private static double frobenius(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
