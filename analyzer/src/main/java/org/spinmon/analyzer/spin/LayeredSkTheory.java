package org.spinmon.analyzer.spin;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The layered Sherrington–Kirkpatrick prediction for random weights (spin-model.md §3.2–3.3, replica Hessian
 * "I − M"):
 *
 * <pre>T_c(init)² = λ_max( A ),   A_{l−1,l} = A_{l,l−1} = v_l √(N_{l−1} N_l),   zero elsewhere</pre>
 *
 * an (L+1)×(L+1) tridiagonal, v_l the mean of (W^(l))² (the realised per-layer variance about zero), N_l the
 * spin-layer widths. Weight units. Equal widths N and v = C/N give [2C cos(π/(L+2))]^{1/2}.
 */
public final class LayeredSkTheory {

    private LayeredSkTheory() {
    }

    /** @return √λ_max(A) for the given widths N_0..N_L and per-matrix mean squares v_1..v_L */
    public static double criticalTemperature(int[] widths, double[] meanSquares) {
        if (meanSquares.length != widths.length - 1) {
            throw new IllegalArgumentException(meanSquares.length + " variances for " + (widths.length - 1)
                    + " weight matrices");
        }
        int n = widths.length;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int l = 1; l < n; l++) {
            double v = meanSquares[l - 1] * Math.sqrt((double) widths[l - 1] * widths[l]);
            a.set(l - 1, l, v);
            a.set(l, l - 1, v);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(a)) {
            throw new ArithmeticException("eigendecomposition of the layered-SK matrix failed");
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, eig.getEigenvalue(i).real);
        }
        return Math.sqrt(max);
    }

    /** @return the prediction for the couplings' own spin layers and realised variances */
    public static double criticalTemperature(LayeredCouplings couplings) {
        int[] widths = couplings.layerSizes();
        double[] v = new double[couplings.matrices()];
        for (int k = 0; k < v.length; k++) {
            double[] w = couplings.weights(k);
            double sum = 0;
            for (double x : w) {
                sum += x * x;
            }
            v[k] = sum / w.length;
        }
        return criticalTemperature(widths, v);
    }
}
