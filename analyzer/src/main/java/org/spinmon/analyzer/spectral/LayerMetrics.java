package org.spinmon.analyzer.spectral;

/**
 * Spectral metrics of one weight matrix W^(l) (spin-model.md §7.2).
 *
 * @param index             l, 1..L
 * @param nIn               rows
 * @param nOut              columns
 * @param sigmaMax          σ_max(W), weight units
 * @param stableRank        ‖W‖_F² / ‖W‖_2², in [1, min(nIn, nOut)]
 * @param hillAlpha         Hill tail exponent of the ESD of WᵀW (pdf convention), NaN when undefined
 * @param relChangeFromInit ‖W_t − W_0‖_F / ‖W_0‖_F (≪ 1 lazy, O(1) rich); NaN without W_0
 * @param updateSpectralNorm ‖W_t − W_0‖_2, weight units; NaN without W_0
 */
public record LayerMetrics(int index, int nIn, int nOut, double sigmaMax, double stableRank, double hillAlpha,
                           double relChangeFromInit, double updateSpectralNorm) {
}
