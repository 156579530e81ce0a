package org.spinmon.analyzer.kernels;

/**
 * The kernel view of one hidden layer on the probe batch (landscape-and-kernels.md §3, after Seroussi, Naveh and
 * Ringel 2023): with H_l the P × N_l pre-activations and A_l = φ(H_l) the activations, the pre-activation kernel
 * K_l = H_l H_lᵀ / N_l and the activation kernel Q_l = A_l A_lᵀ / N_l (P × P, in squared input-times-weight units).
 *
 * @param layer               l = 1 … L − 1 (the weight matrix W^(l) that produces the layer)
 * @param width               N_l
 * @param change              ‖K_l(t) − K_l(0)‖_F / ‖K_l(0)‖_F, dimensionless; 0 for a lazy (NNGP) layer; NaN without
 *                            the run's t = 0 snapshot
 * @param alignment           kernel–target alignment of K_l: ⟨K_c, Y_c Y_cᵀ⟩_F / (‖K_c‖_F ‖Y_c Y_cᵀ‖_F), K_c = C K C
 *                            the centred kernel (C = I − 11ᵀ/P), Y_c the centred one-hot labels; in [−1, 1]
 * @param activationAlignment the same alignment for Q_l
 * @param kurtosisMean        the mean over neurons of the excess kurtosis of h_i across the probe batch,
 *                            m₄/m₂² − 3 (population moments; ≈ 0 for Gaussian pre-activations); neurons with zero
 *                            variance are left out
 * @param kurtosisStd         the standard deviation of that excess kurtosis over the same neurons
 * @param effectiveRank       (tr K_l)² / tr(K_l²), between 1 and P
 */
public record KernelLayer(int layer, int width, double change, double alignment, double activationAlignment,
                          double kurtosisMean, double kurtosisStd, double effectiveRank) {
}
