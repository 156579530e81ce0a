package org.spinmon.analyzer.heavytail;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * WeightWatcher's {@code get_summary()}: the plain mean over all analysed layers of seven columns, failed fits
 * (alpha = −1) included as WeightWatcher includes them (ecosystem.md §2.7); NaN entries skipped, as pandas'
 * {@code mean} skips them. NaN when no layer was analysed; {@code mpSoftrank} NaN without the MP fit.
 *
 * @param logNorm         mean log_norm
 * @param alpha           mean alpha
 * @param alphaWeighted   mean alpha_weighted
 * @param logAlphaNorm    mean log_alpha_norm
 * @param logSpectralNorm mean log_spectral_norm
 * @param stableRank      mean stable_rank
 * @param mpSoftrank      mean mp_softrank
 */
public record HeavyTailSummary(double logNorm, double alpha, double alphaWeighted, double logAlphaNorm,
                               double logSpectralNorm, double stableRank, double mpSoftrank) {

    /** @return the means over {@code layers} */
    public static HeavyTailSummary of(List<HeavyTailLayer> layers) {
        return new HeavyTailSummary(mean(layers, l -> l.norms().logNorm()), mean(layers, l -> l.fit().alpha()),
                mean(layers, l -> l.norms().alphaWeighted()), mean(layers, l -> l.norms().logAlphaNorm()),
                mean(layers, l -> l.norms().logSpectralNorm()), mean(layers, l -> l.norms().stableRank()),
                mean(layers, l -> l.mp() == null ? Double.NaN : l.mp().mpSoftrank()));
    }

    private static double mean(List<HeavyTailLayer> layers, ToDoubleFunction<HeavyTailLayer> column) {
        return layers.stream().mapToDouble(column).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
