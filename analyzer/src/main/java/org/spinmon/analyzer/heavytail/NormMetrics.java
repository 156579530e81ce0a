package org.spinmon.analyzer.heavytail;

/**
 * WeightWatcher 0.7.5's norm metrics of one layer (ecosystem.md §2.4; λ = the layer's ESD, logs base 10 except
 * the entropy's natural log):
 *
 * <ul>
 *   <li>log_norm = log10 Σλ (Σλ = ‖W‖_F²);</li>
 *   <li>log_spectral_norm = log10 max λ (max λ = ‖W‖_2²);</li>
 *   <li>alpha_weighted = alpha · log10 max λ;</li>
 *   <li>log_alpha_norm = log10 Σ λ^alpha (a failed fit's alpha = −1 enters as it does in WeightWatcher, so a
 *       zero eigenvalue makes it +∞);</li>
 *   <li>stable_rank = Σλ / max λ;</li>
 *   <li>matrix_rank = #σ &gt; σ_max·N·ε;</li>
 *   <li>entropy = −Σ p ln p / ln(rank + ε'), p = λ/Σλ + ε', ε' = 1e-10 (WeightWatcher's {@code EPSILON}).</li>
 * </ul>
 *
 * @param logNorm         log10 ‖W‖_F²
 * @param logSpectralNorm log10 ‖W‖_2²
 * @param alphaWeighted   alpha · log10 ‖W‖_2²
 * @param logAlphaNorm    log10 Σ λ^alpha
 * @param stableRank      ‖W‖_F² / ‖W‖_2², 1..M
 * @param matrixRank      numerical rank, 0..M
 * @param entropy         normalised spectral entropy, about 0..1
 */
public record NormMetrics(double logNorm, double logSpectralNorm, double alphaWeighted, double logAlphaNorm,
                          double stableRank, int matrixRank, double entropy) {

    /** WeightWatcher's {@code EPSILON} in the entropy. */
    static final double EPSILON = 1e-10;

    /** @return the norm metrics of {@code esd} with the fitted (or failed, −1) {@code alpha} */
    public static NormMetrics of(Esd esd, double alpha) {
        double[] lambda = esd.eigenvalues();
        double sum = 0;
        double alphaSum = 0;
        double max = 0;
        for (double l : lambda) {
            sum += l;
            alphaSum += Math.pow(l, alpha);
            max = Math.max(max, l);
        }
        double logSpectral = Math.log10(max);
        int rank = esd.matrixRank();
        double h = 0;
        for (double l : lambda) {
            double p = l / sum + EPSILON;
            h -= p * Math.log(p);
        }
        return new NormMetrics(Math.log10(sum), logSpectral, alpha * logSpectral, Math.log10(alphaSum), sum / max,
                rank, h / Math.log(rank + EPSILON));
    }
}
