package org.spinmon.analyzer.analysis;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spinmon.analyzer.heavytail.HeavyTailAnalysis;
import org.spinmon.analyzer.spectral.LayerMetrics;
import org.spinmon.analyzer.spin.TapResult;

/**
 * Everything the analyzer computes for one snapshot, named as in spin-model.md §0 (metric names without the
 * {@code spinmon_} prefix). Temperatures and eigenvalues of J are in weight units; ratios and λ_min(H_0) are
 * dimensionless. An undefined value is NaN and {@link #reasons()} says why, under the metric's name.
 *
 * @param runId               the run
 * @param step                optimizer steps
 * @param epoch               fractional epoch
 * @param loss                training loss
 * @param accuracy            test accuracy or NaN
 * @param time                wall-clock time of the snapshot
 * @param spinLayers          the index (0..L) of each spin layer in H, in order
 * @param spinLayerSizes      their widths
 * @param tcMelt              max(T_SG, T_c,order), NaN ignored
 * @param tSg                 √ρ(J∘J)
 * @param tcOrder             largest T with λ_min(H_0(T)) &lt; 0, NaN if none
 * @param tStar               argmin_T λ_min(H_0(T))
 * @param h0LambdaMin         min_T λ_min(H_0(T))
 * @param phase               glass or hidden order; {@code null} when undefined (non-finite weights)
 * @param phaseMargin         T_c,order / T_SG − 1: how clear a hidden-order call is (NaN without T_c,order)
 * @param lambdaMaxJ          λ_max(J), the naive mean-field temperature (≈ 2·T_c at init; not T_c)
 * @param lambdaJ             the top eigenvalues of J, descending
 * @param tcInitTheory        layered-SK prediction from the realised per-layer variances
 * @param tcMeltOverInit      tc_melt / T_SG(t = 0)
 * @param tcMeltOverRmsWeight tc_melt / rms(all W)
 * @param outliersJ           #eigenvalues of J &gt; (1+ε)·edge_0, NaN without a t = 0 snapshot
 * @param vcOverlapTopJ       |⟨v_c, u_1⟩|, u_1 the top eigenvector of J
 * @param vcLayerWeight       ‖v_c on spin layer l‖² per spin layer (sums to 1), NaN entries without v_c
 * @param layers              per weight matrix metrics
 * @param tap                 the TAP states, one result per τ
 * @param heavyTail           the WeightWatcher-compatible per-layer metrics (ecosystem.md §2); {@code null} when
 *                            switched off or undefined (the reason under {@code ww})
 * @param views               the forward-pass views (landscape-and-kernels.md); {@link ProbeViews#NONE} when none
 *                            was computed
 * @param reasons             metric name → why it is NaN (in the order found)
 * @param timings             part → seconds spent, in the order computed ({@code spectrum_j}, {@code t_sg}, {@code hessian},
 *                            {@code tap}, {@code layers}, {@code heavy_tail}, {@code landscape},
 *                            {@code forward}, {@code kernels}, {@code freezing}, {@code total})
 */
public record SnapshotAnalysis(String runId, long step, double epoch, double loss, double accuracy, Instant time,
                               int[] spinLayers, int[] spinLayerSizes, double tcMelt, double tSg, double tcOrder,
                               double tStar, double h0LambdaMin, Phase phase, double phaseMargin, double lambdaMaxJ,
                               double[] lambdaJ, double tcInitTheory, double tcMeltOverInit,
                               double tcMeltOverRmsWeight, double outliersJ, double vcOverlapTopJ,
                               double[] vcLayerWeight, List<LayerMetrics> layers, List<TapResult> tap,
                               HeavyTailAnalysis heavyTail, ProbeViews views, Map<String, String> reasons,
                               Map<String, Double> timings) {

    /** Copies every collection and array in. */
    public SnapshotAnalysis {
        spinLayers = spinLayers.clone();
        spinLayerSizes = spinLayerSizes.clone();
        lambdaJ = lambdaJ.clone();
        vcLayerWeight = vcLayerWeight.clone();
        layers = List.copyOf(layers);
        tap = List.copyOf(tap);
        Objects.requireNonNull(views, "views");
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** @return this analysis with {@code replaced} views (the stream sets the solid labels, which need the run's history) */
    public SnapshotAnalysis withViews(ProbeViews replaced) {
        return new SnapshotAnalysis(runId, step, epoch, loss, accuracy, time, spinLayers, spinLayerSizes, tcMelt, tSg,
                tcOrder, tStar, h0LambdaMin, phase, phaseMargin, lambdaMaxJ, lambdaJ, tcInitTheory, tcMeltOverInit,
                tcMeltOverRmsWeight, outliersJ, vcOverlapTopJ, vcLayerWeight, layers, tap, heavyTail, replaced, reasons,
                timings);
    }

    @Override
    public int[] spinLayers() {
        return spinLayers.clone();
    }

    @Override
    public int[] spinLayerSizes() {
        return spinLayerSizes.clone();
    }

    @Override
    public double[] lambdaJ() {
        return lambdaJ.clone();
    }

    @Override
    public double[] vcLayerWeight() {
        return vcLayerWeight.clone();
    }
}
